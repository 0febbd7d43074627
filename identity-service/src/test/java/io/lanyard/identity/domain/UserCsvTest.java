package io.lanyard.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV of an import, read as RFC 4180 writes it, and each line checked on its own. */
class UserCsvTest {

  @Test
  void quotedFieldsHoldCommasQuotesAndLineBreaksAndLinesAreNumberedAsRows() {
    List<CsvRecords.Record> records =
        CsvRecords.parse("\uFEFFa,\"b,\"\"c\"\"\"\r\n\"x\ny\",z\n\n\"\",\nlast,one", 10);
    assertEquals(List.of("a", "b,\"c\""), records.get(0).fields());
    assertEquals(List.of("x\ny", "z"), records.get(1).fields());
    assertEquals(2, records.get(1).line());
    assertEquals(List.of("", ""), records.get(2).fields());
    assertEquals(4, records.get(2).line(), "the blank row 3 keeps its number");
    assertEquals(List.of("last", "one"), records.get(3).fields());
  }

  @Test
  void aTextThatIsNoCsvIsRefusedNamingTheLine() {
    for (String[] bad :
        new String[][] {
          {"a\nb\"c\n", "line 2: a quote inside"},
          {"a\n\"b\nc", "line 2: a quoted field is never closed"},
          {"a\n\"b\"c\n", "line 2: text after the closing quote"},
          {"a\nb\u0000c\n", "line 2: a NUL character"},
          {"a\n\"b\nc\u0000\"\n", "line 2: a NUL character"},
        }) {
      DomainException refused =
          assertThrows(DomainException.class, () -> CsvRecords.parse(bad[0], 10));
      assertEquals("invalid_csv", refused.code());
      assertTrue(refused.getMessage().startsWith(bad[1]), refused.getMessage());
    }
    assertEquals(
        "invalid_csv",
        assertThrows(DomainException.class, () -> CsvRecords.parse("a\nb\nc\n", 2)).code());
  }

  @Test
  void eachLineIsAUserOrARefusalWithAReasonAndNoValueFromTheLine() {
    List<ImportLine> lines =
        UserCsv.read(
            "CardNumber,username,EMAIL,displayName,accessCode\n"
                + "  BEEF01 ,ada,Ada@X.example,Ada, 7kq2mx \n"
                + ",Ada,other@x.example,Ada 2,\n"
                + ",bob,ada@x.example,Bob,\n"
                + ",c d,cd@x.example,C D,\n"
                + ",eve,eve@x.example,Eve,"
                + "x".repeat(65)
                + "\n"
                + ",fay,fay@x.example,Fay,\n");
    ImportLine ada = lines.get(0);
    assertEquals(2, ada.line());
    assertEquals("ada@x.example", ada.profile().email());
    assertEquals("7kq2mx", ada.accessCode(), "trimmed; credential-service normalises the rest");
    assertEquals("BEEF01", ada.cardNumber());
    assertTrue(ada.firstCodeFollows());
    assertFalse(ada.toString().contains("7kq2mx") || ada.toString().contains("BEEF01"));
    assertEquals("duplicate_username", lines.get(1).refused());
    assertEquals("duplicate_email", lines.get(2).refused());
    assertEquals("invalid_username", lines.get(3).refused());
    assertEquals("invalid_access_code", lines.get(4).refused());
    assertFalse(lines.get(5).firstCodeFollows());
    assertNull(lines.get(5).profile().orgUnit());
  }
}
