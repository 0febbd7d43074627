package io.lanyard.credential.application;

import io.lanyard.credential.domain.Actors;
import io.lanyard.credential.domain.CardSource;
import io.lanyard.credential.domain.CodeCause;
import io.lanyard.credential.domain.CodeReason;

/**
 * Who hands a batch of first codes and cards over, which decides what they are: a directory's
 * (directory-sync: source {@code directory}, the directory's card replacing its previous one) or an
 * import's (identity-service's CSV import: source {@code admin}, an admin's card, {@code cause}
 * {@code import}), so that an imported code is rotated like an admin's (ADR 6).
 */
public enum BatchOrigin {
  DIRECTORY,
  IMPORT;

  /** Why the first code is set: the given code's source, or generated when none is given. */
  CodeReason codeReason(boolean given) {
    if (!given) {
      return CodeReason.INITIAL;
    }
    return this == DIRECTORY ? CodeReason.DIRECTORY : CodeReason.ADMIN;
  }

  /** What caused the code when no one set it by hand; none for a directory's. */
  CodeCause cause() {
    return this == IMPORT ? CodeCause.IMPORT : null;
  }

  String actor() {
    return this == IMPORT ? Actors.IMPORT : Actors.DIRECTORY;
  }

  CardSource cardSource() {
    return this == IMPORT ? CardSource.ADMIN : CardSource.DIRECTORY;
  }
}
