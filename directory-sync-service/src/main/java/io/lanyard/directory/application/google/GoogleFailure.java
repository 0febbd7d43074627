package io.lanyard.directory.application.google;

/**
 * Google could not be read, said in Lanyard's own words. The admin reads this message in the run's
 * {@code failure}, so it never carries what the other side answered (its body, its exception's
 * message): that is the remote server's text, and with a connection pointed elsewhere it would hand
 * whatever that server said to the admin. The cause, for the log, keeps the details.
 */
public final class GoogleFailure extends RuntimeException {

  private final boolean retryable;

  private GoogleFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Worth trying again: a rate limit, Google's own error, a network failure. */
  public boolean retryable() {
    return retryable;
  }

  /** The token endpoint answered, refusing: a wrong key, or no domain-wide delegation. */
  public static GoogleFailure credentialsRefused(int status, Throwable cause) {
    return new GoogleFailure(
        "Google refused the service account's credentials (HTTP "
            + status
            + "): check the key file and its domain-wide delegation for the admin",
        status == 429 || status >= 500,
        cause);
  }

  /**
   * The token endpoint answered with a redirect, which is not followed: where it points is the
   * remote's choice, and may be inside the cluster.
   */
  public static GoogleFailure tokenEndpointRedirected(int status, Throwable cause) {
    return new GoogleFailure(
        "Google's token endpoint answered with a redirect (HTTP "
            + status
            + "), which is not followed: check the key file's token_uri",
        false,
        cause);
  }

  /** The token endpoint did not answer, or gave no token. */
  public static GoogleFailure tokenEndpointUnreachable(Throwable cause) {
    return new GoogleFailure(
        "Google's token endpoint could not be reached or gave no access token", true, cause);
  }

  /** The Directory API answered with an error status. */
  public static GoogleFailure directoryRefused(int status, Throwable cause) {
    String what =
        switch (status) {
          case 400 ->
              "Google's Directory API refused the request (HTTP 400): check the customer"
                  + " id or domain";
          case 401 -> "Google's Directory API refused the service account's access (HTTP 401)";
          case 403 ->
              "Google's Directory API refused access (HTTP 403): check that the admin may"
                  + " read users and that the Admin SDK API is enabled";
          case 404 -> "Google's Directory API does not know this customer or domain (HTTP 404)";
          case 429 -> rateLimit(429);
          default ->
              status >= 500
                  ? "Google's Directory API kept failing (HTTP " + status + "); try again later"
                  : "Google's Directory API answered HTTP " + status;
        };
    return new GoogleFailure(what, status == 429 || status >= 500, cause);
  }

  /**
   * The Directory API answered with a redirect, which is not followed (as the token endpoint's).
   */
  public static GoogleFailure directoryRedirected(int status, Throwable cause) {
    return new GoogleFailure(
        "Google's Directory API answered with a redirect (HTTP "
            + status
            + "), which is not followed: check apiRootUrl",
        false,
        cause);
  }

  /** Google's rate limits (429, or 403 with a rate-limit reason), still there after the retries. */
  public static GoogleFailure rateLimited(int status, Throwable cause) {
    return new GoogleFailure(rateLimit(status), true, cause);
  }

  private static String rateLimit(int status) {
    return "Google's Directory API kept limiting the rate (HTTP " + status + "); try again later";
  }

  /** No answer from the Directory API: a network failure, a timeout. */
  public static GoogleFailure directoryUnreachable(Throwable cause) {
    return new GoogleFailure("Google's Directory API could not be reached", true, cause);
  }

  /** An answer that is not the Directory API's JSON. */
  public static GoogleFailure unreadableAnswer(Throwable cause) {
    return new GoogleFailure(
        "Google's Directory API gave an answer that is not the Directory API's", false, cause);
  }

  /** The stored key file cannot be read as a service account's key. */
  public static GoogleFailure keyUnreadable(Throwable cause) {
    return new GoogleFailure(
        "the service account's key file cannot be read; upload it again", false, cause);
  }

  /**
   * The stored connection is no longer accepted (saved before the rule on Google's endpoints, or
   * under a setting since turned off): nothing is called.
   *
   * @param why the rule's refusal, naming the field
   */
  public static GoogleFailure connectionRefused(String why) {
    return new GoogleFailure(
        "the saved Google connection is not accepted (" + why + "); save the settings again",
        false,
        null);
  }
}
