package io.lanyard.systemtest.harness;

/** The five services, with the module that packages each and the topic it owns. */
public enum Service {
  IDENTITY("identity-service", "identity"),
  CREDENTIAL("credential-service", "credential"),
  DIRECTORY_SYNC("directory-sync-service", "directory"),
  NOTIFICATION("notification-service", "notification"),
  DEVICE_GATEWAY("device-gateway", "device");

  private final String module;
  private final String domain;

  Service(String module, String domain) {
    this.module = module;
    this.domain = domain;
  }

  public String module() {
    return module;
  }

  /** The {@code lanyard.topics.<domain>} key of the topic this service writes. */
  public String domain() {
    return domain;
  }

  /**
   * A database of a run's own ({@code system} for the tests, {@code bench} for benchmarks), never
   * the one {@code ./lanyard up} uses.
   */
  public String database(String run) {
    return "lanyard_" + domain + "_" + run;
  }
}
