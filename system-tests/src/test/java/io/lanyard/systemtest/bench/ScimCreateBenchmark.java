package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SCIM creates per second against the five packaged services (a {@link LanyardSystem} of the
 * benchmark's own: its own topics, databases and tenant), as Entra ID's provisioning sends them
 * (one user per request, each with an access code in the PaperCut extension), in a tenant of the
 * benchmark's own with invitations off. Run by {@code ./lanyard bench scim}.
 *
 * <p>Settings: {@code bench.users} (10,000), {@code bench.concurrency} (8), {@code bench.warmup}
 * (2,000 creates in a tenant of their own first), {@code bench.service-jvm} (the services' JVM
 * flags: C1 only by default, which measured faster here than full JIT: with five JVMs on two cores,
 * C2's compiler threads still took ~40 % of the services' CPU after 2,500 creates), {@code
 * bench.tracing} (off; on, every service traces into a Zipkin of the run's own).
 */
public final class ScimCreateBenchmark {

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 10_000);
    int concurrency = Integer.getInteger("bench.concurrency", 8);
    int warmup = Integer.getInteger("bench.warmup", 2_000);
    try (LanyardSystem system = BenchSystem.start()) {
      if (warmup > 0) {
        // Production services are warm: the JIT compilers' first minutes are not measured.
        measure(system, "bench-warmup", warmup, concurrency);
      }
      measure(system, "bench-scim", users, concurrency);
    }
  }

  /**
   * The creates, then until every service has applied their events (notification-service, the last
   * of the chain, holds every user's code): the CPU a create costs includes its consumers'.
   */
  private static void measure(LanyardSystem system, String tenant, int users, int concurrency)
      throws Exception {
    Tenant bench = BenchSystem.tenantWithoutInvitations(system, tenant);
    Tenant.ScimEndpoint endpoint = bench.issueScimToken();
    BenchCosts.Snapshot before = BenchCosts.take(system);
    run(tenant, endpoint.tenantUrl(), endpoint.secretToken(), users, concurrency);
    BenchSystem.awaitSettled(
        system,
        Service.NOTIFICATION,
        "SELECT count(*) FROM recipient_codes WHERE tenant_id = '" + bench.id() + "'",
        users);
    BenchCosts.Snapshot after = BenchCosts.take(system);
    BenchCosts.print(tenant + ": creates, then every consumer caught up", before, after);
    double perThousand = BenchCosts.servicesAndPostgres(before, after) * 1000 / users;
    System.out.printf(
        "CPU of the five services and PostgreSQL per 1,000 SCIM creates: %.1f CPU-s"
            + " (main before issue 24: %s; target a quarter of it)%n",
        perThousand, BASELINE_CPU_PER_THOUSAND);
  }

  /** The figure of main before issue 24, measured with this harness (docs/benchmarks.md). */
  private static final String BASELINE_CPU_PER_THOUSAND =
      "53.5 CPU-s (2026-12-05, a05ccaf, 32 creates/s)";

  private static void run(String tenant, String base, String token, int users, int concurrency)
      throws Exception {
    System.out.printf(
        "tenant %s, %,d creates at concurrency %d, tracing %s%n",
        tenant, users, concurrency, BenchSystem.tracing() ? "on" : "off");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < users; i = next.getAndIncrement()) {
                  String body =
                      ("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"externalId\":\"ext-%d\","
                              + "\"userName\":\"user%d@%s.example\",\"active\":true,\"displayName\":\"User %d\","
                              + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"user%d@%s.example\"}],"
                              + "\"urn:ietf:params:scim:schemas:extension:papercut:2.0:User\":{\"accessCode\":\"%s\"}}")
                          .formatted(i, i, tenant, i, i, tenant, code(i));
                  long sent = System.nanoTime();
                  try {
                    HttpResponse<Void> response =
                        http.send(
                            HttpRequest.newBuilder(URI.create(base + "/Users"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/scim+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201) {
                      failed.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                  micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    System.out.printf(
        "%n| measure | value |%n|---|---|%n| SCIM creates (%,d users, concurrency %d) | %.0f/s in %.1f s, %d failed |%n"
            + "| latency p50 / p99 / max | %.1f / %.1f / %.1f ms |%n",
        users,
        concurrency,
        users / seconds,
        seconds,
        failed.get(),
        sorted.get(sorted.size() / 2) / 1000.0,
        sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  /** A valid 8-character code per user: letters and digits, never a run or a repetition. */
  static String code(int i) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder code = new StringBuilder("Z");
    int n = i;
    for (int k = 0; k < 5; k++) {
      code.append(alphabet.charAt(n % alphabet.length()));
      n /= alphabet.length();
    }
    return code.toString();
  }
}
