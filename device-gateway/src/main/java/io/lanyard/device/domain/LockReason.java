package io.lanyard.device.domain;

import java.util.Locale;

/** Which budget a device's lock came from, as the admin API shows it. */
public enum LockReason {
  /** Too many failures within the short window since the last success. */
  CONSECUTIVE_FAILURES,
  /** Too many failures within the rolling hour, whatever succeeded in between. */
  HOURLY_FAILURE_BUDGET;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LockReason ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
