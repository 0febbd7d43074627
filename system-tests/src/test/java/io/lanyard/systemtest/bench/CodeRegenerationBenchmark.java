package io.lanyard.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestPlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A regeneration of every code of a 100,000-user tenant ({@code POST /admin/v1/credential-jobs},
 * {@code "all":true}, no emails), against the five packaged services on topics, databases and a
 * tenant of the benchmark's own (invitations off). The users come from a CSV import first ({@link
 * UserImportBenchmark}'s, measured and printed as well). The job runs twice: once on a quiet
 * system, once while a few threads log in by card at the gateway, against the same loop's rate on
 * the idle system before. For each job: the time from the POST until {@code completed}, and until
 * the gateway refuses the old code of the job's last user (its catch-up). Run by {@code ./lanyard
 * bench jobs}.
 *
 * <p>Settings: {@code bench.users} (100,000), {@code bench.login-threads} (2), {@code
 * bench.job-chunk} (500: users per chunk, credential-service's production default), {@code
 * bench.import-chunk} (500), {@code bench.service-jvm} ({@link BenchSystem}).
 */
public final class CodeRegenerationBenchmark {

  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  /** Codes the admin sets on the job's last user before each job (the default policy's). */
  private static final List<String> KNOWN_CODES = List.of("K7M3QX", "P4W8NC", "R2T9HV", "B6Y3JD");

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 100_000);
    int loginThreads = Integer.getInteger("bench.login-threads", 2);
    try (LanyardSystem system = BenchSystem.start(BenchSystem.PROBING_DEVICE)) {
      Tenant tenant = BenchSystem.tenantWithoutInvitations(system, "bench-regen");
      Device device = tenant.registerDevice("bench");
      UserImportBenchmark.importUsers(system, tenant, device, users, "per_line");
      awaitKnown(system, tenant, users);
      String lastUser = lastUserById(tenant);
      List<String> cards = new ArrayList<>();
      for (int i = 0; i < users && cards.size() < 1_000; i += 2) {
        cards.add(ImportCsv.card(i));
      }

      LoginLoop.Rate idle = LoginLoop.start(device, cards, loginThreads).stopAfter(10);
      JobTimings quiet = regenerate(system, tenant, device, lastUser, KNOWN_CODES.get(0), null);
      awaitKnown(system, tenant, users);
      LoginLoop during = LoginLoop.start(device, cards, loginThreads);
      JobTimings loaded = regenerate(system, tenant, device, lastUser, KNOWN_CODES.get(1), during);

      System.out.printf(
          "%n| measure | value |%n|---|---|%n"
              + "| regeneration of %,d codes, quiet system | **%.1f s** (%.0f users/s; %s) |%n"
              + "| … the gateway refuses the last user's old code | %.1f s after the POST (%.1f s after completed) |%n"
              + "| regeneration of %,d codes, %d threads logging in by card | %.1f s (%.0f users/s; %s) |%n"
              + "| … the gateway refuses the last user's old code | %.1f s after the POST (%.1f s after completed) |%n"
              + "| logins by card, %d threads, idle system | %.0f/s (%,d in %.1f s, %d not 200) |%n"
              + "| logins by card, %d threads, during the job | %.0f/s (%,d in %.1f s, %d not 200) |%n",
          users,
          quiet.completed(),
          users / quiet.completed(),
          counts(quiet.job()),
          quiet.atTheGateway(),
          quiet.atTheGateway() - quiet.completed(),
          users,
          loginThreads,
          loaded.completed(),
          users / loaded.completed(),
          counts(loaded.job()),
          loaded.atTheGateway(),
          loaded.atTheGateway() - loaded.completed(),
          loginThreads,
          idle.perSecond(),
          idle.logins(),
          idle.seconds(),
          idle.notOk(),
          loginThreads,
          loaded.logins().perSecond(),
          loaded.logins().logins(),
          loaded.logins().seconds(),
          loaded.logins().notOk());
      for (JobTimings timings : List.of(quiet, loaded)) {
        if (!"completed".equals(timings.job().get("status").asText())
            || timings.job().get("failed").asInt() != 0
            || timings.job().get("done").asInt() != users) {
          throw new AssertionError("the job did not regenerate every code: " + timings.job());
        }
      }
    }
  }

  record JobTimings(double completed, double atTheGateway, JsonNode job, LoginLoop.Rate logins) {}

  /**
   * Gives the job's last user a code of the benchmark's choosing (so its old code is known), runs
   * the job and waits until the gateway refuses that code. {@code logins}, when given, is stopped
   * when the job completes.
   */
  private static JobTimings regenerate(
      LanyardSystem system,
      Tenant tenant,
      Device device,
      String lastUser,
      String oldCode,
      LoginLoop logins)
      throws InterruptedException {
    tenant
        .admin(
            Service.CREDENTIAL,
            "PUT",
            "/admin/v1/credentials/" + lastUser + "/access-code",
            "{\"code\":\"" + oldCode + "\",\"notifyUser\":false}")
        .expect(200);
    device.awaitCodeLogin(oldCode, 200).expect(200);
    BenchCosts.Snapshot before = BenchCosts.take(system);
    long start = System.nanoTime();
    Api.Answer started =
        tenant.admin(
            Service.CREDENTIAL,
            "POST",
            "/admin/v1/credential-jobs",
            "{\"kind\":\"regenerate_codes\",\"notify\":false,\"all\":true}");
    started.expect(202);
    String id = started.json().get("id").asText();
    JsonNode job;
    long lastReport = System.nanoTime();
    while (true) {
      job =
          tenant
              .admin(Service.CREDENTIAL, "GET", "/admin/v1/credential-jobs/" + id + "?size=1", null)
              .expect(200)
              .json();
      if (ENDED.contains(job.get("status").asText())) {
        break;
      }
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf(
            "  %5.1f s: %s, %,d of %,d done%n",
            UserImportBenchmark.seconds(start),
            job.get("status").asText(),
            job.get("done").asInt(),
            job.get("total").asInt());
      }
      Thread.sleep(500);
    }
    double completed = UserImportBenchmark.seconds(start);
    LoginLoop.Rate rate = logins == null ? null : logins.stop();
    // Probing the old code: 200 until the gateway has the new one, then one refusal.
    Api.Answer refused =
        Tenant.retryWhile(
            () -> device.loginByCode(oldCode),
            answer -> answer.status() == 200,
            Duration.ofMinutes(5));
    double atTheGateway = UserImportBenchmark.seconds(start);
    BenchCosts.Snapshot after = BenchCosts.take(system);
    System.out.printf(
        "%njob %s: %s after %.1f s, gateway caught up at %.1f s (old code: %d)%n",
        id, counts(job), completed, atTheGateway, refused.status());
    BenchCosts.print(
        "regeneration"
            + (logins == null ? "" : " with logins")
            + ", POST → the gateway refuses the old code",
        before,
        after);
    return new JobTimings(completed, atTheGateway, job, rate);
  }

  private static String counts(JsonNode job) {
    return job.get("status").asText()
        + ", "
        + job.get("done").asInt()
        + " done, "
        + job.get("failed").asInt()
        + " failed";
  }

  /** Until credential-service knows every imported user: the import's tail is not the job's. */
  private static void awaitKnown(LanyardSystem system, Tenant tenant, int users)
      throws InterruptedException {
    BenchSystem.awaitSettled(
        system,
        Service.CREDENTIAL,
        "SELECT count(*) FROM known_users WHERE tenant_id = '" + tenant.id() + "'",
        users);
  }

  /** The job takes its users in id order: the last one is the last to get a new code. */
  private static String lastUserById(Tenant tenant) {
    try (Connection connection =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl(Service.CREDENTIAL.database("bench")),
                TestPlatform.postgresUser(),
                "");
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT user_id::text FROM access_codes WHERE tenant_id = ?"
                    + " ORDER BY user_id DESC LIMIT 1")) {
      statement.setString(1, tenant.id());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the last user of " + tenant.id(), e);
    }
  }
}
