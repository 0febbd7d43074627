package io.lanyard.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The coded values of the public events ({@code "regenerated_after_source_removal"}, {@code
 * "google"}) are enum constants named by {@link JsonProperty}: this reads and writes them, so no
 * service spells a wire value as a string literal of its own.
 */
public final class WireValues {

  private WireValues() {}

  /** The value as it travels, e.g. {@code "strip_prefix"} for {@code Step.STRIP_PREFIX}. */
  public static String of(Enum<?> value) {
    try {
      JsonProperty named =
          value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
      return named == null ? value.name() : named.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("an enum constant without its field: " + value, e);
    }
  }

  /**
   * The constant that travels as {@code wire}.
   *
   * @throws IllegalArgumentException when no constant of {@code type} travels as {@code wire}
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(wire)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + wire);
  }
}
