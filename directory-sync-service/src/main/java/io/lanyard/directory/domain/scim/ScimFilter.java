package io.lanyard.directory.domain.scim;

/** A parsed SCIM filter (RFC 7644 §3.4.2.2). */
public sealed interface ScimFilter {

  /** The comparison operators; {@code pr} is {@link Present}. */
  enum Operator {
    EQ,
    NE,
    CO,
    SW,
    EW,
    GT,
    GE,
    LT,
    LE
  }

  /** {@code path op value}; value is a String, Boolean, java.math.BigDecimal, or null. */
  record Compare(AttributePath path, Operator operator, Object value) implements ScimFilter {}

  /** {@code path pr}: the attribute has a non-empty value. */
  record Present(AttributePath path) implements ScimFilter {}

  record And(ScimFilter left, ScimFilter right) implements ScimFilter {}

  record Or(ScimFilter left, ScimFilter right) implements ScimFilter {}

  record Not(ScimFilter inner) implements ScimFilter {}

  /**
   * {@code attribute[filter]}: some value of a multi-valued attribute matches {@code filter}, whose
   * paths name the value's sub-attributes ({@code emails[type eq "work"]}).
   */
  record ValuePath(AttributePath path, ScimFilter filter) implements ScimFilter {}
}
