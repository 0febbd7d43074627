package io.lanyard.directory.application;

/**
 * A SCIM request refused, answered with SCIM's error body ({@code
 * urn:ietf:params:scim:api:messages:2.0:Error}) instead of Lanyard's.
 *
 * @see ScimResponses#error
 */
public final class ScimException extends RuntimeException {

  private final int status;
  private final String scimType;

  public ScimException(int status, String scimType, String detail) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }

  public static ScimException unauthorized() {
    return new ScimException(
        401, null, "a valid SCIM secret token of this tenant is required (Authorization: Bearer)");
  }

  /** The token is the tenant's, but the tenant is suspended (or no longer known). */
  public static ScimException tenantInactive() {
    return new ScimException(
        403, null, "the tenant is suspended or unknown: its SCIM token is refused");
  }

  public int status() {
    return status;
  }

  public String scimType() {
    return scimType;
  }
}
