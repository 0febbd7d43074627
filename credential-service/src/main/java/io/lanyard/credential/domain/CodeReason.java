package io.lanyard.credential.domain;

/** Why a user's access code was set. */
public enum CodeReason {
  /**
   * A first code: generated for a manual user, or for a directory user whose directory has none.
   */
  INITIAL,
  /** An admin had a new one generated. */
  GENERATED,
  /** An admin typed it. */
  ADMIN,
  /** The directory's value. */
  DIRECTORY,
  /** The directory's value was removed there: the user got a generated one instead. */
  REGENERATED_AFTER_SOURCE_REMOVAL;

  /** Where the code came from, as the admin is shown it. */
  public CodeSource source() {
    return switch (this) {
      case ADMIN -> CodeSource.ADMIN;
      case DIRECTORY -> CodeSource.DIRECTORY;
      case INITIAL, GENERATED, REGENERATED_AFTER_SOURCE_REMOVAL -> CodeSource.GENERATED;
    };
  }
}
