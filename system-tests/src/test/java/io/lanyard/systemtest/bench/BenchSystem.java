package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
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
    return LanyardSystem.start(
        "bench",
        List.of(
            System.getProperty(
                    "bench.service-jvm",
                    "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                .split(" ")));
  }

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
}
