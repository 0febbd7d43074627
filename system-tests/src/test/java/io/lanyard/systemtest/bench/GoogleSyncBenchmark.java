package io.lanyard.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.List;

/**
 * A full Google sync of a large directory from the fake Directory API (every user with an access
 * code, every other one with a card), then a re-sync with nothing changed, against the five
 * packaged services on topics, databases and a tenant of the benchmark's own (invitations off). Run
 * by {@code ./lanyard bench google}.
 *
 * <p>Settings: {@code bench.users} (100,000), {@code bench.service-jvm} ({@link BenchSystem}).
 */
public final class GoogleSyncBenchmark {

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 100_000);
    try (LanyardSystem system = BenchSystem.start();
        FakeGoogleDirectory google = FakeGoogleDirectory.start(0)) {
      for (int i = 0; i < users; i++) {
        google.put(
            new GoogleUser(
                "b" + i,
                "user" + i + "@bench-google.example",
                "User " + i,
                "/Staff",
                false,
                ScimCreateBenchmark.code(i),
                i % 2 == 0 ? String.format("%08X", 0x10000000 + i) : null));
      }
      Tenant tenant = BenchSystem.tenantWithoutInvitations(system, "bench-google");
      Tenant.retryWhile(
              () ->
                  tenant.admin(
                      Service.DIRECTORY_SYNC,
                      "PUT",
                      "/admin/v1/directory/google",
                      google.settings("all", List.of(), true)),
              answer -> answer.status() != 200,
              Duration.ofSeconds(30))
          .expect(200);
      System.out.printf("%n| measure | value |%n|---|---|%n");
      JsonNode full = run(tenant, "full sync of " + String.format("%,d", users) + " users");
      JsonNode again = run(tenant, "re-sync, nothing changed");
      System.out.printf(
          "| counts (full) | %s |%n| counts (re-sync) | %s |%n",
          full.get("counts"), again.get("counts"));
    }
  }

  private static JsonNode run(Tenant tenant, String what) throws InterruptedException {
    long start = System.nanoTime();
    Api.Answer started =
        tenant.admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/google/sync", null);
    started.expect(202);
    String runId = started.json().get("runId").asText();
    JsonNode run;
    do {
      Thread.sleep(250);
      run =
          tenant
              .admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/sync-runs/" + runId, null)
              .expect(200)
              .json();
    } while ("running".equals(run.get("status").asText()));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "| %s | %.1f s (%s, %.0f users/s) |%n",
        what,
        seconds,
        run.get("status").asText(),
        run.get("progress").get("usersSeen").asInt() / seconds);
    return run;
  }
}
