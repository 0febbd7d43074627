package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;

/**
 * What a tenant's admins decide for the whole tenant: how many days a guest is kept after their
 * window ended (so an admin can still look them up, or extend and reactivate them), then deleted.
 */
public record TenantSettings(int guestRetentionDays) {

  public static final int FEWEST_RETENTION_DAYS = 1;
  public static final int MOST_RETENTION_DAYS = 3650;

  /** A tenant that never set anything. */
  public static final TenantSettings DEFAULT = new TenantSettings(30);

  public TenantSettings {
    if (guestRetentionDays < FEWEST_RETENTION_DAYS || guestRetentionDays > MOST_RETENTION_DAYS) {
      throw retentionRefused();
    }
  }

  /** A client's value, which may be missing or not a whole number. */
  public static TenantSettings of(Integer guestRetentionDays) {
    if (guestRetentionDays == null) {
      throw retentionRefused();
    }
    return new TenantSettings(guestRetentionDays);
  }

  private static DomainException retentionRefused() {
    return InvalidField.because(
        "guestRetentionDays: a whole number of days from "
            + FEWEST_RETENTION_DAYS
            + " to "
            + MOST_RETENTION_DAYS);
  }
}
