package io.lanyard.credentialrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readers' raw outputs, and the chains that turn them into the numbers cards were registered with.
 */
class CardConversionTest {

  static String convert(String raw, ConversionStep... steps) {
    return new CardConversion(List.of(steps)).convert(raw);
  }

  @Test
  void withoutStepsAReadingIsOnlyMadeCanonical() {
    assertEquals("04A1B2C3", convert("  04a1b2c3\n"));
  }

  @Test
  void aProximityReaderPaddingDecimalNumbersWithZeros() {
    assertEquals("1234567", convert("0001234567", new ConversionStep.StripLeadingZeros()));
    assertEquals("0", convert("0000", new ConversionStep.StripLeadingZeros()));
  }

  @Test
  void aReaderSendingHexForCardsRegisteredInDecimal() {
    assertEquals("12345678", convert("00BC614E", new ConversionStep.HexToDecimal()));
  }

  @Test
  void aReaderSendingDecimalForCardsRegisteredAsPaddedHex() {
    assertEquals(
        "00BC614E",
        convert(
            "12345678", new ConversionStep.DecimalToHex(), new ConversionStep.PadLeadingZeros(8)));
  }

  @Test
  void aMifareReaderSendingTheUidLeastSignificantByteFirst() {
    assertEquals("04A1B2C3", convert("C3B2A104", new ConversionStep.ReverseBytes()));
    // An odd number of hex digits lacks its leading zero: B3A21 is 0B 3A 21.
    assertEquals("213A0B", convert("B3A21", new ConversionStep.ReverseBytes()));
  }

  @Test
  void aMagstripeReaderWithSentinelsAndAFacilityCode() {
    assertEquals(
        "12345678",
        convert(
            ";0012345678?",
            new ConversionStep.Trim(),
            new ConversionStep.StripPrefix(";"),
            new ConversionStep.StripSuffix("?"),
            new ConversionStep.KeepLast(8)));
  }

  @Test
  void aReadingTheChainCannotConvertIsRefusedWithoutEchoingIt() {
    DomainException refused =
        assertThrows(
            DomainException.class, () -> convert("CARD-XYZ", new ConversionStep.HexToDecimal()));
    assertEquals("card_conversion_failed", refused.code());
    assertEquals(false, refused.getMessage().contains("XYZ"));
    assertEquals(
        "invalid_card_number", assertThrows(DomainException.class, () -> convert("CARD-1")).code());
  }

  @Test
  void stepsWithoutTheirParametersAreRefused() {
    assertThrows(DomainException.class, () -> new ConversionStep.StripPrefix(""));
    assertThrows(DomainException.class, () -> new ConversionStep.KeepLast(0));
    assertThrows(DomainException.class, () -> new ConversionStep.PadLeadingZeros(65));
  }
}
