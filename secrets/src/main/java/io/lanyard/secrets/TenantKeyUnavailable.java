package io.lanyard.secrets;

/**
 * A tenant's key material is not at hand: not fetched yet (try again shortly) or destroyed with the
 * tenant ({@link #erased()}: never again).
 */
public class TenantKeyUnavailable extends SecretException {

  private final boolean erased;

  public TenantKeyUnavailable(String tenantId, boolean erased) {
    super(
        erased
            ? "tenant " + tenantId + " was erased: its keys are destroyed"
            : "tenant " + tenantId + "'s key is not at hand yet");
    this.erased = erased;
  }

  public boolean erased() {
    return erased;
  }
}
