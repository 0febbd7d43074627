package io.lanyard.contracts;

import java.util.List;

/** The Kafka topics of DESIGN.md: one event topic per publishing service, full history kept. */
public final class Topics {

  public static final String IDENTITY = "lanyard.identity.events";
  public static final String CREDENTIAL = "lanyard.credential.events";
  public static final String DIRECTORY = "lanyard.directory.events";
  public static final String DEVICE = "lanyard.device.events";
  public static final String NOTIFICATION = "lanyard.notification.events";

  public static final List<String> EVENT_TOPICS =
      List.of(IDENTITY, CREDENTIAL, DIRECTORY, DEVICE, NOTIFICATION);

  private Topics() {}

  /** The dead-letter topic of a consuming module, e.g. {@code lanyard.device-gateway.dlq}. */
  public static String deadLetter(String consumerModule) {
    if (!consumerModule.matches("[a-z][a-z-]*[a-z]")) {
      throw new IllegalArgumentException("Not a module name: " + consumerModule);
    }
    return "lanyard." + consumerModule + ".dlq";
  }
}
