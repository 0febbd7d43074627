package io.lanyard.directory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SCIM creates per second against the system {@code ./lanyard up} runs, as Entra ID's provisioning
 * sends them (one user per request, each with an access code in the PaperCut extension), in a
 * tenant of the benchmark's own with invitations off. Run by {@code ./lanyard bench scim}.
 *
 * <p>Settings: {@code bench.users} (10,000), {@code bench.concurrency} (8).
 */
public final class ScimCreateBenchmark {

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 10_000);
    int concurrency = Integer.getInteger("bench.concurrency", 8);
    String tenant = "bench-scim-" + UUID.randomUUID().toString().substring(0, 8);
    LocalPlatform platform = new LocalPlatform();
    String admin = platform.tenantAdmin(tenant);
    waitFor(
        () -> {
          platform.call(
              "PUT",
              "http://127.0.0.1:8084/admin/v1/notifications/settings",
              admin,
              "{\"senderName\":\"Benchmark\",\"invitationsEnabled\":false}");
          return true;
        });
    JsonNode scim =
        waitFor(
            () ->
                platform.call(
                    "POST", "http://127.0.0.1:8083/admin/v1/directory/scim-token", admin, null));
    String base = scim.get("tenantUrl").asText();
    String token = scim.get("secretToken").asText();
    System.out.printf("tenant %s, %,d creates at concurrency %d%n", tenant, users, concurrency);

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

  interface Attempt<T> {
    T run() throws Exception;
  }

  /** A new tenant reaches every service through the identity topic within moments. */
  static <T> T waitFor(Attempt<T> attempt) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return attempt.run();
      } catch (IllegalStateException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(200);
      }
    }
  }
}
