package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the benchmarks share: the services' JVM flags, and tenants that send no invitations. */
final class BenchSystem {

  private BenchSystem() {}

  /**
   * {@code bench.service-jvm}: C1 only by default, which measured faster here than full JIT: with
   * five JVMs on two cores, C2's compiler threads still took ~40 % of the services' CPU after 2,500
   * SCIM creates.
   */
  static LanyardSystem start() {
    return start(List.of());
  }

  /** The same, with more flags for every service JVM (a service ignores another's settings). */
  static LanyardSystem start(List<String> extraFlags) {
    List<String> flags =
        new ArrayList<>(
            List.of(
                System.getProperty(
                        "bench.service-jvm",
                        "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                    .split(" ")));
    flags.addAll(productionJobSizes());
    flags.addAll(extraFlags);
    if (tracing()) {
      return LanyardSystem.startTraced("bench", flags);
    }
    return LanyardSystem.start("bench", flags);
  }

  /**
   * {@code bench.tracing}: every service traces into a Zipkin of the run's own, as production with
   * tracing on, so that a benchmark measures what tracing costs (Zipkin's own CPU is not counted:
   * in production the trace store runs elsewhere).
   */
  static boolean tracing() {
    return Boolean.getBoolean("bench.tracing");
  }

  /**
   * The services run the test profile (its keys are the only ones outside a deployment), whose
   * import chunks (4 lines) and job chunks (50 users) are sized for tests: a benchmark measures the
   * production defaults, or {@code bench.import-chunk} and {@code bench.job-chunk}. Each is set
   * with and without the profile, so it wins over the {@code %test.} line of the service's own
   * {@code application.properties} whichever way the profile is resolved.
   */
  private static List<String> productionJobSizes() {
    List<String> flags = new ArrayList<>();
    for (String[] setting :
        new String[][] {
          {"lanyard.identity.imports.chunk-size", System.getProperty("bench.import-chunk", "500")},
          {"lanyard.identity.imports.idle-pause", "1s"},
          {"lanyard.credential.jobs.chunk-size", System.getProperty("bench.job-chunk", "500")},
          {"lanyard.credential.jobs.idle-every", "1s"}
        }) {
      flags.add("-D" + setting[0] + "=" + setting[1]);
      flags.add("-D%test." + setting[0] + "=" + setting[1]);
    }
    return flags;
  }

  /**
   * The gateway's failed-login budgets lifted: a benchmark probes a code until it works (or stops
   * working), and the failures on the way would otherwise lock its device (issue 18).
   */
  static final List<String> PROBING_DEVICE =
      List.of(
          "-Dlanyard.device.lockout.hourly-failures=1000000",
          "-Dlanyard.device.tenant-throttle.free-failures=1000000");

  /** A tenant of the benchmark's own whose new users get no invitation email. */
  static Tenant tenantWithoutInvitations(LanyardSystem system, String id) {
    Tenant tenant = system.createTenant(id);
    Tenant.retryWhile(
            () ->
                tenant.admin(
                    Service.NOTIFICATION,
                    "PUT",
                    "/admin/v1/notifications/settings",
                    "{\"senderName\":\"Benchmark\",\"invitationsEnabled\":false}"),
            answer -> answer.status() != 200,
            Duration.ofSeconds(30))
        .expect(200);
    return tenant;
  }

  /**
   * Until {@code countSql} on {@code service}'s database reaches {@code expected} and every
   * service's outbox is empty: what a phase set going is not measured as the next phase's.
   */
  static void awaitSettled(LanyardSystem system, Service service, String countSql, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      long outboxes = 0;
      for (Service each : Service.values()) {
        outboxes += system.queryNumber(each, "SELECT count(*) FROM event_store.outbox");
      }
      if (outboxes == 0 && system.queryNumber(service, countSql) >= expected) {
        // Empty outboxes say the last events are on Kafka, not yet applied: the consumers'
        // last polls (200 ms apart, a second or so of work) finish meanwhile.
        Thread.sleep(2_000);
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the system did not settle within 5 minutes");
  }
}
