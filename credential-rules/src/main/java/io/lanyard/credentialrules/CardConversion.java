package io.lanyard.credentialrules;

import io.lanyard.kernel.DomainException;
import java.util.List;

/** A tenant's chain of conversion steps, applied in order, then made canonical. */
public record CardConversion(List<ConversionStep> steps) {

  public static final int MAX_STEPS = 16;

  public CardConversion {
    steps = List.copyOf(steps);
    if (steps.size() > MAX_STEPS) {
      throw DomainException.invalid(
          "invalid_card_conversion", "at most " + MAX_STEPS + " conversion steps");
    }
  }

  public static final CardConversion NONE = new CardConversion(List.of());

  /** The chain as the API and the events write it. */
  public static CardConversion fromSpecs(List<StepSpec> specs) {
    return specs == null ? NONE : new CardConversion(specs.stream().map(StepSpec::toStep).toList());
  }

  public List<StepSpec> specs() {
    return steps.stream().map(StepSpec::of).toList();
  }

  /** The registered card number a reader's raw output stands for. */
  public String convert(String raw) {
    String value = raw == null ? "" : raw;
    for (ConversionStep step : steps) {
      value = step.apply(value);
    }
    return CardNumbers.canonical(value);
  }
}
