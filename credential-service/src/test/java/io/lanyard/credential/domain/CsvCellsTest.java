package io.lanyard.credential.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV lines as RFC 4180 has them, which a spreadsheet opens as text. */
class CsvCellsTest {

  @Test
  void plainCellsStayAsTheyAreAndLinesEndWithCrlf() {
    assertEquals(
        "ada,Ada Lovelace,,active\r\n",
        CsvCells.line(Arrays.asList("ada", "Ada Lovelace", null, "active")));
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedWithTheirQuotesDoubled() {
    assertEquals("\"Doe, Jane\"", CsvCells.cell("Doe, Jane"));
    assertEquals("\"say \"\"hi\"\"\"", CsvCells.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvCells.cell("two\nlines"));
  }

  @Test
  void whatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() {
    for (String formula : List.of("=SUM(A1)", "+1", "-2", "@cmd", "\tx")) {
      assertEquals("'" + formula, CsvCells.cell(formula), formula);
    }
    assertEquals("\"'\rx\"", CsvCells.cell("\rx"), "guarded, then quoted for its CR");
    assertEquals("\"'=1,2\"", CsvCells.cell("=1,2"));
    assertEquals("a=b", CsvCells.cell("a=b"), "only a first character runs a formula");
  }
}
