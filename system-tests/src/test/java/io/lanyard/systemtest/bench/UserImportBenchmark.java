package io.lanyard.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * A CSV import of 100,000 users (each with a code, every other one with a card) through {@code POST
 * /admin/v1/user-imports}, against the five packaged services on topics, databases and tenants of
 * the benchmark's own (invitations off). It measures the time from the POST until the import is
 * {@code completed} (identity-service ends it only once credential-service has every code and
 * card), and until the device gateway lets the last line's user in with their code. Run by {@code
 * ./lanyard bench import}.
 *
 * <p>Settings: {@code bench.lines} (100,000), {@code bench.warmup} (5,000 lines in a tenant of
 * their own first), {@code bench.all-or-nothing} ({@code true}: the same file once more in {@code
 * all_or_nothing} mode, in another tenant), {@code bench.import-chunk} (500: lines per chunk,
 * identity-service's production default), {@code bench.service-jvm} ({@link BenchSystem}).
 */
public final class UserImportBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The POST parses, checks and stages the whole file before it answers. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  public static void main(String[] args) throws Exception {
    int lines = Integer.getInteger("bench.lines", 100_000);
    int warmup = Integer.getInteger("bench.warmup", 5_000);
    boolean allOrNothing = Boolean.parseBoolean(System.getProperty("bench.all-or-nothing", "true"));
    try (LanyardSystem system = BenchSystem.start(BenchSystem.PROBING_DEVICE)) {
      if (warmup > 0) {
        // Production services are warm: the JIT compilers' first minutes are not measured.
        run(system, "bench-import-warmup", warmup, "per_line");
      }
      run(system, "bench-import", lines, "per_line");
      if (allOrNothing) {
        run(system, "bench-import-all", lines, "all_or_nothing");
      }
    }
  }

  private static void run(LanyardSystem system, String tenantId, int lines, String mode)
      throws InterruptedException {
    Tenant tenant = BenchSystem.tenantWithoutInvitations(system, tenantId);
    Device device = tenant.registerDevice("bench");
    importUsers(system, tenant, device, lines, mode);
  }

  /** What one import took, in seconds from the POST. */
  record Timings(double answered, double completed, double atTheGateway, JsonNode job) {}

  /**
   * Imports users 0 to {@code lines - 1} of {@link ImportCsv} into the tenant, waits until the
   * gateway knows the last one's code, and prints the figures and what each process spent.
   */
  static Timings importUsers(
      LanyardSystem system, Tenant tenant, Device device, int lines, String mode)
      throws InterruptedException {
    String csv = ImportCsv.of(lines, tenant.id());
    System.out.printf(
        "%ntenant %s: importing %,d lines (%.1f MB), mode %s%n",
        tenant.id(), lines, csv.length() / 1e6, mode);
    BenchCosts.Snapshot before = BenchCosts.take(system);
    long start = System.nanoTime();
    HttpResponse<String> posted = post(system, tenant, mode, csv);
    double answered = seconds(start);
    if (posted.statusCode() != 202) {
      throw new AssertionError(
          "the import was refused: " + posted.statusCode() + " " + posted.body());
    }
    String id = json(posted.body()).get("id").asText();
    JsonNode job = awaitEnd(tenant, id, start);
    double completed = seconds(start);
    if (!"completed".equals(job.get("status").asText()) || job.get("failed").asInt() != 0) {
      BenchCosts.print("import " + tenant.id() + ", POST → ended", before, BenchCosts.take(system));
      throw new AssertionError(
          "the import did not complete cleanly after " + completed + " s: " + job);
    }
    // Every line's code is at credential-service once the import is completed; the gateway
    // follows credential's topic, and the last line is the last one handed over.
    Api.Answer login =
        Tenant.retryWhile(
            () -> device.loginByCode(ImportCsv.code(lines - 1)),
            answer -> answer.status() != 200,
            Duration.ofMinutes(5));
    double atTheGateway = seconds(start);
    BenchCosts.Snapshot after = BenchCosts.take(system);
    long codes =
        system.queryNumber(
            Service.CREDENTIAL,
            "SELECT count(*) FROM access_codes WHERE tenant_id = '" + tenant.id() + "'");
    long cards =
        system.queryNumber(
            Service.CREDENTIAL,
            "SELECT count(*) FROM cards WHERE tenant_id = '" + tenant.id() + "'");
    System.out.printf(
        "%n| measure | value |%n|---|---|%n"
            + "| import of %,d lines, %s | status %s, %d created, %d failed |%n"
            + "| POST answered (parsed, checked, staged) | %.1f s |%n"
            + "| POST → completed (every code and card at credential-service) | **%.1f s** (%.0f lines/s) |%n"
            + "| POST → the last line's code works at the gateway | %.1f s (login %d) |%n"
            + "| credential-service holds | %,d codes, %,d cards |%n",
        lines,
        mode,
        job.get("status").asText(),
        job.get("done").asInt(),
        job.get("failed").asInt(),
        answered,
        completed,
        lines / completed,
        atTheGateway,
        login.status(),
        codes,
        cards);
    BenchCosts.print("import " + tenant.id() + ", POST → at the gateway", before, after);
    return new Timings(answered, completed, atTheGateway, job);
  }

  private static HttpResponse<String> post(
      LanyardSystem system, Tenant tenant, String mode, String csv) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(
                  URI.create(
                      system.service(Service.IDENTITY).url("/admin/v1/user-imports?mode=" + mode)))
              .timeout(Duration.ofMinutes(5))
              .header("Authorization", "Bearer " + tenant.adminToken())
              .header("Content-Type", "text/csv")
              .POST(HttpRequest.BodyPublishers.ofString(csv))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("POST /admin/v1/user-imports", e);
    }
  }

  private static JsonNode awaitEnd(Tenant tenant, String id, long start)
      throws InterruptedException {
    long lastReport = System.nanoTime();
    while (true) {
      JsonNode job =
          tenant
              .admin(Service.IDENTITY, "GET", "/admin/v1/user-imports/" + id + "?size=1", null)
              .expect(200)
              .json();
      if (ENDED.contains(job.get("status").asText())) {
        return job;
      }
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf(
            "  %5.1f s: %s, %,d done, %,d failed%n",
            seconds(start),
            job.get("status").asText(),
            job.get("done").asInt(),
            job.get("failed").asInt());
      }
      // A poll a second, as the console polls, prints the progress and costs the import nothing.
      Thread.sleep(1_000);
    }
  }

  static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
