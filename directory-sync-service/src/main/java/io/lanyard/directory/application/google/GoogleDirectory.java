package io.lanyard.directory.application.google;

import java.io.IOException;
import java.util.List;

/** A tenant's Google Workspace directory, read a page at a time (500 users). */
public interface GoogleDirectory {

  /** A user as {@code users.list} answers with {@code projection=custom} (PaperCut fields). */
  record GoogleUser(
      String id,
      String primaryEmail,
      String fullName,
      String orgUnitPath,
      boolean suspended,
      String accessCode,
      String cardNumber) {

    @Override
    public String toString() {
      return "GoogleUser[" + id + " " + primaryEmail + "]";
    }
  }

  /** One page of users, and the token of the next (null after the last). */
  record Page(List<GoogleUser> users, String nextPageToken) {}

  /**
   * @param pageToken null for the first page
   * @throws GoogleFailure when Google cannot be read, after retrying what may pass (rate limits,
   *     5xx, network failures), saying so in Lanyard's words
   * @throws IOException as the interface allows; implementations answer {@link GoogleFailure}
   */
  Page list(String pageToken) throws IOException;

  /** A push channel: Google posts a notification to its address when a user changes. */
  record Channel(String id, String resourceId, java.time.Instant expiresAt) {}

  /** Opens a channel ({@code users.watch}) whose notifications carry {@code token}. */
  Channel watch(String address, String token, java.time.Duration ttl) throws IOException;

  /** Closes a channel ({@code channels.stop}). */
  void stop(String channelId, String resourceId) throws IOException;
}
