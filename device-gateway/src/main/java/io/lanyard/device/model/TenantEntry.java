package io.lanyard.device.model;

import io.lanyard.credentialrules.CardConversion;

/**
 * What the gateway knows of a tenant: whether it is active, and how its readers' values convert.
 */
public final class TenantEntry {

  private final String id;
  private volatile boolean active;
  private volatile boolean erased;
  private volatile CardConversion conversion = CardConversion.NONE;
  long identityVersion;
  long policyVersion;

  TenantEntry(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The same tenant, in this model or in the one a rebuild replaced it with. */
  public boolean sameAs(TenantEntry other) {
    return this == other || id.equals(other.id);
  }

  public boolean active() {
    return active;
  }

  /** Erased (ADR 7): inactive for good. */
  public boolean erased() {
    return erased;
  }

  void erase() {
    this.erased = true;
    this.active = false;
  }

  public CardConversion conversion() {
    return conversion;
  }

  void active(boolean active) {
    this.active = active && !erased;
  }

  void conversion(CardConversion conversion) {
    this.conversion = conversion;
  }
}
