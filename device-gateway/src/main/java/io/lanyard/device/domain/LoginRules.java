package io.lanyard.device.domain;

/**
 * Whether a code or card logs its owner in at an instant (ADR 6, "Time without a request"): the
 * gateway decides from its own clock, so a printer is right to the second without waiting for
 * credential-service's or identity-service's scheduler to publish the fact.
 */
public final class LoginRules {

  /** How a code of a known user (active or suspended; a deleted user's matches no one) answers. */
  public enum CodeVerdict {
    LOGS_IN,
    INVALID_CODE,
    CODE_EXPIRED
  }

  private LoginRules() {}

  /**
   * An expired code says so before anything else, even once its user is suspended (the guest
   * suspended at the end of their window is the common case): the printer tells the user why and
   * the admin knows what to do. A guest's code lives no longer than the guest's window, whatever
   * the code's own expiry says. A code before its window, or of a suspended user, matches no one
   * who may log in, as DESIGN.md's {@code invalid_code} says.
   *
   * @param guest the owner's window, or {@code null} for a person
   */
  public static CodeVerdict code(
      boolean ownerActive, CodeValidity code, GuestWindow guest, long now) {
    if (code.expiredAt(now) || (guest != null && guest.endedAt(now))) {
      return CodeVerdict.CODE_EXPIRED;
    }
    if (!ownerActive || code.notYetValidAt(now) || (guest != null && guest.notYetOpenAt(now))) {
      return CodeVerdict.INVALID_CODE;
    }
    return CodeVerdict.LOGS_IN;
  }

  /**
   * A card logs in an active owner, and a guest only inside their window; outside it the card is
   * the inactive user's ({@code user_inactive}), as it will be once identity-service suspends them.
   *
   * @param guest the owner's window, or {@code null} for a person
   */
  public static boolean cardLogsIn(boolean ownerActive, GuestWindow guest, long now) {
    return ownerActive && (guest == null || guest.contains(now));
  }
}
