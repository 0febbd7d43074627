package io.lanyard.contracts.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.List;

/**
 * The data of {@code io.lanyard.credential.CredentialPolicyChanged.v1}: a tenant's credential
 * policy changed (key: policy:&lt;tenant&gt;).
 *
 * <p>Properties added since the first version are left out of the JSON when null, so an event that
 * does not use them is written as it always was: {@code maxCodeAgeDays} null means codes are not
 * rotated, {@code rotationNoticeDays} null means 7.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record CredentialPolicyChangedV1(
    String tenantId,
    int codeLength,
    CodeAlphabet codeAlphabet,
    int maxCards,
    List<ConversionStep> cardConversion,
    String changedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxCodeAgeDays,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer rotationNoticeDays) {

  public static final EventType TYPE = CredentialEvents.CREDENTIAL_POLICY_CHANGED;

  /** codeAlphabet's coded values; {@link WireValues} reads and writes them. */
  public enum CodeAlphabet {
    @JsonProperty("alphanumeric")
    ALPHANUMERIC,
    @JsonProperty("digits")
    DIGITS
  }

  /** One element of cardConversion. */
  public record ConversionStep(Step step, String value, Integer count, Integer length) {}

  /** step's coded values; {@link WireValues} reads and writes them. */
  public enum Step {
    @JsonProperty("trim")
    TRIM,
    @JsonProperty("strip_prefix")
    STRIP_PREFIX,
    @JsonProperty("strip_suffix")
    STRIP_SUFFIX,
    @JsonProperty("hex_to_decimal")
    HEX_TO_DECIMAL,
    @JsonProperty("decimal_to_hex")
    DECIMAL_TO_HEX,
    @JsonProperty("reverse_bytes")
    REVERSE_BYTES,
    @JsonProperty("keep_last")
    KEEP_LAST,
    @JsonProperty("pad_leading_zeros")
    PAD_LEADING_ZEROS,
    @JsonProperty("strip_leading_zeros")
    STRIP_LEADING_ZEROS
  }
}
