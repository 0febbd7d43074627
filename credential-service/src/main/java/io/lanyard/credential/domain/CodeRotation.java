package io.lanyard.credential.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's rotation rule: a code set {@code maxCodeAgeDays} ago is replaced by a generated one,
 * and its user is warned {@code rotationNoticeDays} before (0: no warning). Codes the directory
 * manages are never rotated: the directory owns them.
 */
public record CodeRotation(int maxCodeAgeDays, int rotationNoticeDays) {

  /** What is due for one code now. */
  public enum Due {
    NOTHING,
    /** Warn its user that it will be rotated. */
    NOTICE,
    /** Replace it. */
    ROTATE
  }

  /** Whether a code from this source is ever rotated. */
  public static boolean rotates(CodeSource source) {
    return source != null && source != CodeSource.DIRECTORY;
  }

  /** When a code set at {@code changedAt} is to be replaced. */
  public Instant rotatesAt(Instant changedAt) {
    return changedAt.plus(Duration.ofDays(maxCodeAgeDays));
  }

  /** The latest a code may have been set to be due for replacement {@code now}. */
  public Instant replaceIfSetBy(Instant now) {
    return now.minus(Duration.ofDays(maxCodeAgeDays));
  }

  /**
   * The latest a code may have been set for its user to be warned {@code now} (those set by {@link
   * #replaceIfSetBy} are due for replacement instead).
   */
  public Instant warnIfSetBy(Instant now) {
    return replaceIfSetBy(now).plus(Duration.ofDays(rotationNoticeDays));
  }

  /** When its user is to be warned; the code's own start when the notice is longer than its age. */
  public Instant noticeFrom(Instant changedAt) {
    Instant notice = rotatesAt(changedAt).minus(Duration.ofDays(rotationNoticeDays));
    return notice.isBefore(changedAt) ? changedAt : notice;
  }

  /** When this source's code set at {@code changedAt} is replaced; empty: never. */
  public Optional<Instant> rotatesAt(CodeSource source, Instant changedAt) {
    return rotates(source) ? Optional.of(rotatesAt(changedAt)) : Optional.empty();
  }

  /**
   * What is due for a code set at {@code changedAt}. Once it is due for replacement, the
   * replacement is all that is due: a code found overdue (after downtime, or a user back from a
   * suspension) is rotated without a notice that would arrive with the new code.
   *
   * @param noticed whether its user was warned already
   */
  public Due due(CodeSource source, Instant changedAt, boolean noticed, Instant now) {
    if (!rotates(source)) {
      return Due.NOTHING;
    }
    if (!now.isBefore(rotatesAt(changedAt))) {
      return Due.ROTATE;
    }
    if (rotationNoticeDays > 0 && !noticed && !now.isBefore(noticeFrom(changedAt))) {
      return Due.NOTICE;
    }
    return Due.NOTHING;
  }
}
