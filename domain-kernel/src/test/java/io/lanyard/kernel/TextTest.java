package io.lanyard.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void textIsKeptAsSentWhateverItsScript() {
    assertNull(Text.lineProblem("Zoë Ångström – 東京 🖨", 100));
    assertNull(Text.problem("two\nlines\tand a tab", 100));
    assertEquals(
        "🖨".repeat(100), Text.checked("name", "🖨".repeat(100), 100), "characters, not chars");
  }

  @Test
  void whatADatabaseWouldChangeOrRefuseIsRefused() {
    for (String bad :
        new String[] {"a\u0000b", "\u0007", "\u009b", "\ud800", "x\udc00", "\uffff"}) {
      assertNotNull(Text.problem(bad, 100), bad);
    }
    assertNotNull(Text.problem("x".repeat(101), 100));
  }

  @Test
  void aLineHoldsNoBreaksAndNothingThatReordersItOnScreen() {
    for (String bad : new String[] {"a\nb", "a\tb", "a\u2028b", "a\u2029b", "evil\u202Egnp.exe"}) {
      assertNotNull(Text.lineProblem(bad, 100), bad);
    }
  }

  @Test
  void aRefusalNamesTheField() {
    DomainException refused =
        assertThrows(DomainException.class, () -> Text.required("displayName", "a\u0000", 10));
    assertEquals("invalid_display_name", refused.code());
    assertEquals(
        "invalid_display_name",
        assertThrows(DomainException.class, () -> Text.required("displayName", "  ", 10)).code());
    assertNull(Text.optional("location", "  ", 10));
    assertEquals("2nd floor", Text.optional("location", " 2nd floor ", 10));
  }
}
