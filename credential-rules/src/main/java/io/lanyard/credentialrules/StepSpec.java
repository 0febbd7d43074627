package io.lanyard.credentialrules;

import io.lanyard.kernel.DomainException;

/** A conversion step as the API and the events write it: {@code {"step":"keep_last","count":8}}. */
public record StepSpec(String step, String value, Integer count, Integer length) {

  public ConversionStep toStep() {
    if (step == null) {
      throw DomainException.invalid("invalid_card_conversion", "every step names its \"step\"");
    }
    return switch (step) {
      case "trim" -> new ConversionStep.Trim();
      case "strip_prefix" -> new ConversionStep.StripPrefix(value);
      case "strip_suffix" -> new ConversionStep.StripSuffix(value);
      case "hex_to_decimal" -> new ConversionStep.HexToDecimal();
      case "decimal_to_hex" -> new ConversionStep.DecimalToHex();
      case "reverse_bytes" -> new ConversionStep.ReverseBytes();
      case "keep_last" -> new ConversionStep.KeepLast(required(count, "keep_last needs a count"));
      case "pad_leading_zeros" ->
          new ConversionStep.PadLeadingZeros(required(length, "pad_leading_zeros needs a length"));
      case "strip_leading_zeros" -> new ConversionStep.StripLeadingZeros();
      default ->
          throw DomainException.invalid(
              "invalid_card_conversion",
              "unknown step; steps are trim, strip_prefix, strip_suffix, hex_to_decimal,"
                  + " decimal_to_hex, reverse_bytes, keep_last, pad_leading_zeros,"
                  + " strip_leading_zeros");
    };
  }

  public static StepSpec of(ConversionStep step) {
    if (step instanceof ConversionStep.StripPrefix s) {
      return new StepSpec(s.name(), s.value(), null, null);
    }
    if (step instanceof ConversionStep.StripSuffix s) {
      return new StepSpec(s.name(), s.value(), null, null);
    }
    if (step instanceof ConversionStep.KeepLast s) {
      return new StepSpec(s.name(), null, s.count(), null);
    }
    if (step instanceof ConversionStep.PadLeadingZeros s) {
      return new StepSpec(s.name(), null, null, s.length());
    }
    return new StepSpec(step.name(), null, null, null);
  }

  private static int required(Integer number, String message) {
    if (number == null) {
      throw DomainException.invalid("invalid_card_conversion", message);
    }
    return number;
  }
}
