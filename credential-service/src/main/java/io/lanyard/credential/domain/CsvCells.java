package io.lanyard.credential.domain;

import java.util.List;

/**
 * Lines of a CSV file (RFC 4180: comma-separated, CRLF-ended, a cell with a comma, quote or line
 * break in double quotes with its quotes doubled) that a spreadsheet opens as text: a cell it would
 * run as a formula (one starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR) is
 * prefixed with {@code '}.
 */
public final class CsvCells {

  private CsvCells() {}

  /** One line of cells ({@code null}: empty), with its CRLF. */
  public static String line(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells.get(i)));
    }
    return line.append("\r\n").toString();
  }

  /** A cell as written: guarded, then quoted when it must be. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String guarded = runsAsFormula(value.charAt(0)) ? "'" + value : value;
    if (guarded.indexOf(',') < 0
        && guarded.indexOf('"') < 0
        && guarded.indexOf('\n') < 0
        && guarded.indexOf('\r') < 0) {
      return guarded;
    }
    return '"' + guarded.replace("\"", "\"\"") + '"';
  }

  private static boolean runsAsFormula(char first) {
    return first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r';
  }
}
