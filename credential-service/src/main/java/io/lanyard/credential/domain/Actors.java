package io.lanyard.credential.domain;

/**
 * The actors of credential events that are not a user: events name who acted as text (a user id, or
 * one of these), so these are spelled once, here.
 */
public final class Actors {

  /** directory-sync, acting for the tenant's directory. */
  public static final String DIRECTORY = "directory";

  /** identity-service's CSV import: a code or card from an imported line. */
  public static final String IMPORT = "import";

  /** credential-service itself, e.g. a manual user's first code. */
  public static final String SYSTEM = "system";

  private Actors() {}

  /** The device a card was swiped at. */
  public static String device(String deviceId) {
    return "device:" + deviceId;
  }
}
