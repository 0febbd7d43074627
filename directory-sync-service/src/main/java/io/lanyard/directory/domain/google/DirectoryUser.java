package io.lanyard.directory.domain.google;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A user as Google lists them: who they are, where, whether suspended, and their PaperCut fields
 * with the keyed digests that say whether those changed (the values themselves are only passed on
 * to credential-service, never kept or logged).
 */
public record DirectoryUser(
    String googleId,
    String primaryEmail,
    String displayName,
    String orgUnitPath,
    boolean suspended,
    String accessCode,
    String codeDigest,
    String cardNumber,
    String cardDigest) {

  /** What identity-service keeps of the user: changes here are profile updates. */
  public String profileFingerprint() {
    String profile = primaryEmail + '\n' + displayName + '\n' + orgUnitPath;
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(profile.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "DirectoryUser[" + googleId + " " + primaryEmail + "]";
  }
}
