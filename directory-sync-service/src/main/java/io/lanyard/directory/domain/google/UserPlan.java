package io.lanyard.directory.domain.google;

/**
 * What a run does to one Google user: create or update them, and for each PaperCut field leave it,
 * set it, or remove it (a removed code is replaced by a generated one, emailed to the user).
 */
public record UserPlan(
    DirectoryUser user,
    String userId,
    Action action,
    boolean profileChanged,
    Boolean suspend,
    FieldChange code,
    FieldChange card) {

  /** The user is new here, changed in Google, or the same as at the last run. */
  public enum Action {
    CREATE,
    UPDATE,
    UNCHANGED
  }

  /** A PaperCut field: as it was, set to Google's value, or removed. */
  public enum FieldChange {
    KEEP,
    SET,
    REMOVE
  }

  /**
   * @param last what the last run applied to this Google user, null if it never saw them
   */
  public static UserPlan decide(DirectoryUser seen, SyncedUser last, GoogleSettings settings) {
    if (last == null) {
      return new UserPlan(
          seen,
          null,
          Action.CREATE,
          true,
          seen.suspended() ? Boolean.TRUE : null,
          settings.syncAccessCodes() && seen.accessCode() != null
              ? FieldChange.SET
              : FieldChange.KEEP,
          settings.syncCardNumbers() && seen.cardNumber() != null
              ? FieldChange.SET
              : FieldChange.KEEP);
    }
    boolean profileChanged = !seen.profileFingerprint().equals(last.profileFingerprint());
    Boolean suspend = seen.suspended() != last.suspended() ? seen.suspended() : null;
    FieldChange code =
        settings.syncAccessCodes()
            ? change(seen.accessCode(), seen.codeDigest(), last.codeDigest())
            : FieldChange.KEEP;
    FieldChange card =
        settings.syncCardNumbers()
            ? change(seen.cardNumber(), seen.cardDigest(), last.cardDigest())
            : FieldChange.KEEP;
    boolean unchanged =
        !profileChanged && suspend == null && code == FieldChange.KEEP && card == FieldChange.KEEP;
    return new UserPlan(
        seen,
        last.userId(),
        unchanged ? Action.UNCHANGED : Action.UPDATE,
        profileChanged,
        suspend,
        code,
        card);
  }

  private static FieldChange change(String value, String digest, String lastDigest) {
    if (java.util.Objects.equals(digest, lastDigest)) {
      return FieldChange.KEEP;
    }
    return value == null ? FieldChange.REMOVE : FieldChange.SET;
  }
}
