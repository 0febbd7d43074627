package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A user import's CSV read into lines: the header {@code
 * username,displayName,email[,orgUnit][,accessCode][,cardNumber]} (names in any case and any order,
 * each once, no others), then one user a line. A text that is not such a CSV is refused whole (400
 * {@code invalid_csv}); a line that is no valid user is refused alone, with a reason.
 *
 * <p>What is checked here is what the file alone can tell: each profile as an admin's would be
 * checked, and a username (any case) or email given twice (the later lines are refused {@code
 * duplicate_username} / {@code duplicate_email}). Whether the tenant has them already is for the
 * import's run, and whether a code or card is acceptable is credential-service's to say.
 */
public final class UserCsv {

  /** Lines of users an import may hold (the header not counted). */
  public static final int MOST_LINES = 100_000;

  /** Longer than any policy allows: a code or card number this long is refused here unsealed. */
  static final int MOST_IN_A_CODE = 64;

  static final int MOST_IN_A_CARD_NUMBER = 128;

  private static final List<String> REQUIRED = List.of("username", "displayName", "email");
  private static final List<String> COLUMNS =
      List.of("username", "displayName", "email", "orgUnit", "accessCode", "cardNumber");

  private UserCsv() {}

  public static List<ImportLine> read(String text) {
    List<CsvRecords.Record> records = CsvRecords.parse(text, MOST_LINES + 1);
    if (records.isEmpty()) {
      throw DomainException.invalid(
          "invalid_csv", "the CSV is empty; its first line names the columns");
    }
    CsvRecords.Record header = records.get(0);
    Map<String, Integer> columns = columns(header);
    if (records.size() == 1) {
      throw DomainException.invalid("invalid_csv", "the CSV holds no users, only its header");
    }
    Set<String> usernames = new HashSet<>();
    Set<String> emails = new HashSet<>();
    List<ImportLine> lines = new ArrayList<>(records.size() - 1);
    for (CsvRecords.Record record : records.subList(1, records.size())) {
      if (record.fields().size() != header.fields().size()) {
        throw CsvRecords.invalid(
            record.line(),
            "it has " + record.fields().size() + " fields, the header " + header.fields().size());
      }
      lines.add(line(record, columns, usernames, emails));
    }
    return lines;
  }

  private static Map<String, Integer> columns(CsvRecords.Record header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip();
      String column =
          COLUMNS.stream().filter(known -> known.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (column == null) {
        throw CsvRecords.invalid(
            header.line(),
            "unknown column '"
                + printable(name)
                + "'; the header is username,displayName,email[,orgUnit][,accessCode]"
                + "[,cardNumber]");
      }
      if (columns.put(column, i) != null) {
        throw CsvRecords.invalid(header.line(), "the column " + column + " is named twice");
      }
    }
    if (!columns.keySet().containsAll(REQUIRED)) {
      throw CsvRecords.invalid(
          header.line(), "the header must name username, displayName and email");
    }
    return columns;
  }

  private static ImportLine line(
      CsvRecords.Record record,
      Map<String, Integer> columns,
      Set<String> usernames,
      Set<String> emails) {
    UserProfile profile;
    try {
      profile =
          new UserProfile(
              field(record, columns, "username"),
              field(record, columns, "displayName"),
              field(record, columns, "email"),
              field(record, columns, "orgUnit"),
              null);
    } catch (DomainException invalid) {
      return ImportLine.refused(record.line(), invalid.code());
    }
    String code = secret(field(record, columns, "accessCode"), MOST_IN_A_CODE);
    String card = secret(field(record, columns, "cardNumber"), MOST_IN_A_CARD_NUMBER);
    if ("".equals(code)) {
      return ImportLine.refused(record.line(), "invalid_access_code");
    }
    if ("".equals(card)) {
      return ImportLine.refused(record.line(), "invalid_card_number");
    }
    // Later lines lose: the first line with a name is the one the admin sees created.
    if (!usernames.add(profile.username().toLowerCase(Locale.ROOT))) {
      return ImportLine.refused(record.line(), "duplicate_username");
    }
    if (!emails.add(profile.email())) {
      return ImportLine.refused(record.line(), "duplicate_email");
    }
    return ImportLine.accepted(record.line(), profile, code, card);
  }

  private static String field(
      CsvRecords.Record record, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    return index == null ? null : record.fields().get(index);
  }

  /**
   * A code or card number as given, trimmed; null when the line gives none; empty when it cannot be
   * one (too long, or not one line of text): refused before it is ever sealed or sent.
   */
  private static String secret(String value, int most) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    return Text.lineProblem(stripped, most) == null ? stripped : "";
  }

  /** A header name shown back only when it is short, plain text. */
  private static String printable(String name) {
    return Text.lineProblem(name, 40) == null ? name : "?";
  }
}
