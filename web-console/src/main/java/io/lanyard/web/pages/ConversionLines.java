package io.lanyard.web.pages;

import io.lanyard.credentialrules.StepSpec;
import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.List;

/**
 * A card conversion chain as an admin writes it: one step a line, its argument after a space
 * ({@code strip_prefix ;}, {@code keep_last 10}, {@code pad_leading_zeros 10}). The steps and their
 * rules are credential-rules' own; this is only their text form.
 */
final class ConversionLines {

  private ConversionLines() {}

  static String format(List<StepSpec> specs) {
    List<String> lines = new ArrayList<>();
    for (StepSpec spec : specs == null ? List.<StepSpec>of() : specs) {
      String argument =
          spec.value() != null
              ? spec.value()
              : spec.count() != null
                  ? spec.count().toString()
                  : spec.length() != null ? spec.length().toString() : null;
      lines.add(argument == null ? spec.step() : spec.step() + " " + argument);
    }
    return String.join("\n", lines);
  }

  static List<StepSpec> parse(String text) {
    List<StepSpec> specs = new ArrayList<>();
    if (text == null) {
      return specs;
    }
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      String step = space < 0 ? trimmed : trimmed.substring(0, space);
      String argument = space < 0 ? null : trimmed.substring(space + 1).strip();
      specs.add(
          switch (step) {
            case "keep_last" -> new StepSpec(step, null, number(step, argument), null);
            case "pad_leading_zeros" -> new StepSpec(step, null, null, number(step, argument));
            default -> new StepSpec(step, argument, null, null);
          });
    }
    return specs;
  }

  private static Integer number(String step, String argument) {
    if (argument == null || !argument.matches("[0-9]{1,3}")) {
      throw DomainException.invalid(
          "invalid_card_conversion",
          step + " needs a whole number after it, e.g. \"" + step + " 10\"");
    }
    return Integer.valueOf(argument);
  }
}
