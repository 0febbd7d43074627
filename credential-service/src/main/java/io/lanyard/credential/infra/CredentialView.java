package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeSource;
import io.lanyard.credential.domain.CodeWindow;
import java.time.Instant;
import java.util.List;

/**
 * A user's credentials as stored for reading: the code only as its ciphertext (the API masks or,
 * for a reveal or the user themself, decrypts it), the cards masked; {@code codeSource}, {@code
 * codeChangedAt} are null without a code.
 *
 * @param codeChangedAt when the current code was set (a new window leaves it): what a rotation
 *     counts from
 * @param codeWindow when the current code works ({@link CodeWindow#NONE} without a code)
 * @param codeExpiryRecorded whether the scheduler recorded the current deadline as passed
 */
public record CredentialView(
    String codeCiphertext,
    CodeSource codeSource,
    List<CardView> cards,
    Instant codeChangedAt,
    CodeWindow codeWindow,
    boolean codeExpiryRecorded) {

  public boolean hasCode() {
    return codeCiphertext != null;
  }

  /**
   * Whether the code no longer works for its deadline: past by the clock (the gateway refuses it
   * from that instant), or recorded so by the scheduler.
   */
  public boolean codeExpired(Instant now) {
    return hasCode() && (codeExpiryRecorded || codeWindow.hasEnded(now));
  }
}
