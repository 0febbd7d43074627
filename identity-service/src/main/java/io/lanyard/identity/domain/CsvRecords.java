package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text as RFC 4180 writes them: fields separated by commas, records by CRLF
 * (or LF, as most tools write them), a field in double quotes may hold commas, line breaks and
 * quotes (doubled). A leading byte-order mark is ignored. Records are numbered from 1 as a
 * spreadsheet numbers its rows (a quoted line break does not start a new one); blank records keep
 * their number but are left out.
 *
 * <p>Anything else (a quote inside an unquoted field, text after a closing quote, a quote never
 * closed, more records than allowed) is 400 {@code invalid_csv}, naming the record.
 */
public final class CsvRecords {

  /** One record: its number (the header is 1) and its fields, as written (quotes removed). */
  public record Record(int line, List<String> fields) {}

  private final String text;
  private int at;
  private int line;

  private CsvRecords(String text) {
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * @param mostRecords how many records (the header included) the text may hold
   */
  public static List<Record> parse(String text, int mostRecords) {
    return new CsvRecords(text).records(mostRecords);
  }

  public static DomainException invalid(int line, String why) {
    return DomainException.invalid("invalid_csv", "line " + line + ": " + why);
  }

  private List<Record> records(int mostRecords) {
    List<Record> records = new ArrayList<>();
    while (at < text.length()) {
      line++;
      List<String> fields = record();
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue;
      }
      // PostgreSQL's text cannot hold a NUL: let through, it would fail the import's every step.
      if (fields.stream().anyMatch(field -> field.indexOf('\0') >= 0)) {
        throw invalid(line, "a NUL character, which no text holds");
      }
      if (records.size() == mostRecords) {
        throw DomainException.invalid(
            "invalid_csv", "the CSV holds more than " + (mostRecords - 1) + " lines of users");
      }
      records.add(new Record(line, List.copyOf(fields)));
    }
    return records;
  }

  /** Reads one record and its line break. */
  private List<String> record() {
    List<String> fields = new ArrayList<>();
    while (true) {
      fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : unquoted());
      if (at >= text.length()) {
        return fields;
      }
      char next = text.charAt(at);
      if (next == ',') {
        at++;
        continue;
      }
      // A line break: CRLF, LF or a lone CR.
      at += next == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n' ? 2 : 1;
      return fields;
    }
  }

  private String unquoted() {
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == ',' || c == '\n' || c == '\r') {
        break;
      }
      if (c == '"') {
        throw invalid(line, "a quote inside a field that does not start with one");
      }
      at++;
    }
    return text.substring(start, at);
  }

  private String quoted() {
    int opened = line;
    StringBuilder field = new StringBuilder();
    at++;
    while (true) {
      int quote = text.indexOf('"', at);
      if (quote < 0) {
        throw invalid(opened, "a quoted field is never closed");
      }
      field.append(text, at, quote);
      at = quote + 1;
      if (at < text.length() && text.charAt(at) == '"') {
        field.append('"');
        at++;
        continue;
      }
      if (at < text.length() && ",\r\n".indexOf(text.charAt(at)) < 0) {
        throw invalid(opened, "text after the closing quote of a field");
      }
      return field.toString();
    }
  }
}
