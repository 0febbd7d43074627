package io.lanyard.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' projections as the operator sees them ({@code /ops/v1/projections}, with the
 * operator's token): their checksums, and rebuilds. A rebuild that is DONE carries the live model's
 * checksum beside the rebuilt one; the caller compares them.
 */
public final class Projections {

  /** The services that keep projections, in the order their checksums are listed. */
  public static final List<Service> SERVICES =
      List.of(
          Service.CREDENTIAL, Service.DIRECTORY_SYNC, Service.NOTIFICATION, Service.DEVICE_GATEWAY);

  /** Readings this far apart that agree mean the topics are read to their end. */
  private static final Duration SETTLED_READINGS_APART = Duration.ofSeconds(1);

  private final LanyardSystem system;

  public Projections(LanyardSystem system) {
    this.system = system;
  }

  /** Every projection's checksum by name, service by service. */
  public Map<String, String> checksums() {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (Service service : SERVICES) {
      for (JsonNode projection :
          ops(system.service(service), "GET", "/ops/v1/projections")
              .expect(200)
              .json()
              .get("items")) {
        checksums.put(projection.get("name").asText(), projection.get("checksum").asText());
      }
    }
    return checksums;
  }

  /** {@link #checksums()} once two readings a second apart agree; fails after {@code atMost}. */
  public Map<String, String> awaitSettledChecksums(Duration atMost) {
    Map<String, String> last = checksums();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Pause.of(SETTLED_READINGS_APART);
      Map<String, String> now = checksums();
      if (now.equals(last)) {
        return now;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "the projections did not settle within " + atMost + ": " + last + ", then " + now);
      }
      last = now;
    }
  }

  /** The one service keeping {@code projection} (named {@code <module>.<name>}). */
  public Service serviceOf(String projection) {
    List<Service> matching = new ArrayList<>();
    for (Service service : SERVICES) {
      if (projection.startsWith(service.module() + ".")) {
        matching.add(service);
      }
    }
    if (matching.size() != 1) {
      throw new AssertionError("not one service for " + projection + ": " + matching);
    }
    return matching.get(0);
  }

  /** Asks the first JVM of the projection's service to rebuild it (202). */
  public void askRebuild(String projection) {
    askRebuild(system.service(serviceOf(projection)), projection);
  }

  /** Asks one replica to rebuild {@code projection} (202). */
  public void askRebuild(ServiceProcess at, String projection) {
    ops(at, "POST", rebuildPath(projection)).expect(202);
  }

  /** The last rebuild's status at the first JVM of the projection's service. */
  public JsonNode rebuildStatus(String projection) {
    return rebuildStatus(system.service(serviceOf(projection)), projection);
  }

  public JsonNode rebuildStatus(ServiceProcess at, String projection) {
    return ops(at, "GET", rebuildPath(projection)).expect(200).json();
  }

  /** {@link #awaitRebuildFinished(ServiceProcess, String, Duration, Duration)} at the first JVM. */
  public JsonNode awaitRebuildFinished(String projection, Duration atMost, Duration every) {
    return awaitRebuildFinished(system.service(serviceOf(projection)), projection, atMost, every);
  }

  /**
   * The rebuild's status once it is DONE or FAILED, read every {@code every}; fails after {@code
   * atMost}.
   */
  public JsonNode awaitRebuildFinished(
      ServiceProcess at, String projection, Duration atMost, Duration every) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      JsonNode status = rebuildStatus(at, projection);
      String state = status.get("state").asText();
      if ("DONE".equals(state) || "FAILED".equals(state)) {
        return status;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            projection + "'s rebuild not finished within " + atMost + ": " + status);
      }
      Pause.of(every);
    }
  }

  private static String rebuildPath(String projection) {
    return "/ops/v1/projections/" + projection + "/rebuild";
  }

  private Api.Answer ops(ServiceProcess at, String method, String path) {
    return Api.send(method, at.url(path), system.oidc().operator(), "application/json", null);
  }
}
