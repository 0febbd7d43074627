package io.lanyard.systemtest.bench;

/**
 * The benchmarks' CSV of users for {@code POST /admin/v1/user-imports}: every line with a code of
 * its own that the default policy takes (six characters of the alphabet without look-alikes, never
 * a run or a repetition), every other line with a card number of its own.
 */
final class ImportCsv {

  static final String HEADER = "username,displayName,email,orgUnit,accessCode,cardNumber\n";

  private ImportCsv() {}

  /** The CSV of users 0 to {@code users - 1}, about 70 bytes a line (100,000 lines: ~7 MB). */
  static String of(int users, String tenant) {
    StringBuilder csv = new StringBuilder(HEADER.length() + users * 80).append(HEADER);
    for (int i = 0; i < users; i++) {
      String card = card(i);
      csv.append(username(i))
          .append(",User ")
          .append(i)
          .append(',')
          .append(username(i))
          .append('@')
          .append(tenant)
          .append(".example,/Staff,")
          .append(code(i))
          .append(',')
          .append(card == null ? "" : card)
          .append('\n');
    }
    return csv.toString();
  }

  static String username(int i) {
    return "u" + i;
  }

  static String code(int i) {
    return ScimCreateBenchmark.code(i);
  }

  /** A card number for every even user, {@code null} for the others. */
  static String card(int i) {
    return i % 2 == 0 ? String.format("%08X", 0x10000000 + i) : null;
  }
}
