package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestPlatform;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM list requests against a tenant of 100,000 users, through the packaged directory-sync-service
 * and its real endpoint and token (a {@link LanyardSystem} of the benchmark's own). The users are
 * written straight into the SCIM read model ({@code scim_users} of {@code lanyard_directory_bench})
 * with one SQL statement, as the projection would hold them: creating 100,000 users through SCIM
 * takes minutes and measures something else ({@code ./lanyard bench scim}). Run by {@code ./lanyard
 * bench scim-filter}.
 *
 * <p>Each filter is asked {@code bench.requests} times (500) one after another, each time for
 * another user, after as many warm-up requests; the service's heap is read from its {@code
 * /q/metrics} before and after. Settings: {@code bench.users} (100,000), {@code bench.requests}.
 */
public final class ScimFilterBenchmark {

  private static final String TENANT = "bench-filter";
  private static final Pattern HEAP =
      Pattern.compile(
          "^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 100_000);
    int requests = Integer.getInteger("bench.requests", 500);
    try (LanyardSystem system = BenchSystem.start()) {
      Tenant tenant = system.createTenant(TENANT);
      Tenant.ScimEndpoint endpoint = tenant.issueScimToken();
      long filled = fill(users);
      System.out.printf(
          "tenant %s: %,d users written into scim_users in %,d ms%n", TENANT, users, filled);

      String metrics = system.service(Service.DIRECTORY_SYNC).url("/q/metrics");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      Random random = new Random(42);
      double heapBefore = heapMiB(http, metrics);
      List<String> rows = new ArrayList<>();
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "email match (`emails[type eq \"work\"].value eq`)",
              i ->
                  "emails[type eq \"work\"].value eq \"user"
                      + pick(random, users)
                      + "@bench.example\""));
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "userName match (`userName eq`)",
              i -> "userName eq \"User" + pick(random, users) + "@Bench.example\""));
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "externalId match (`externalId eq`)",
              i -> "externalId eq \"ext-" + pick(random, users) + "\""));
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "`userName co` (one match)",
              i -> "userName co \"er" + pick(random, users) + "@\""));
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "`displayName sw` (about 11 matches)",
              i -> "displayName sw \"User " + (1000 + pick(random, 8999)) + "\""));
      rows.add(measure(http, endpoint, requests, "no filter, first page (100 users)", i -> null));
      rows.add(
          measure(
              http,
              endpoint,
              requests,
              "no filter, page at startIndex 50,001",
              i -> null,
              "&startIndex=50001"));
      double heapAfter = heapMiB(http, metrics);

      System.out.printf(
          "%n| request (%,d users, %,d requests each) | p50 | p99 | totalResults |%n|---|---|---|---|%n",
          users, requests);
      rows.forEach(System.out::println);
      System.out.printf(
          "%ndirectory-sync-service heap used: %.0f MiB before, %.0f MiB after (service JVM: %s)%n",
          heapBefore,
          heapAfter,
          System.getProperty(
              "bench.service-jvm", "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
    }
  }

  /** The tenant's users, written as the projection writes them, then the planner's statistics. */
  private static long fill(int users) throws Exception {
    long start = System.nanoTime();
    String database = Service.DIRECTORY_SYNC.database("bench");
    try (Connection connection =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl(database), TestPlatform.postgresUser(), "");
        PreparedStatement clear =
            connection.prepareStatement("DELETE FROM scim_users WHERE tenant_id = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO scim_users (user_id, tenant_id, user_name, display_name, email, locale,"
                    + " origin, external_id, external_id_given, given_name, family_name, active,"
                    + " version, created_at, updated_at)"
                    + " SELECT gen_random_uuid(), ?, 'user' || i || '@bench.example', 'User ' || i,"
                    + " 'user' || i || '@bench.example', 'en', 'scim', 'ext-' || i, true,"
                    + " 'Given' || i, 'Family' || (i % 1000), i % 50 <> 0, 1,"
                    + " now() - (? - i) * interval '1 second', now()"
                    + " FROM generate_series(1, ?) AS i");
        Statement analyze = connection.createStatement()) {
      clear.setString(1, TENANT);
      clear.executeUpdate();
      insert.setString(1, TENANT);
      insert.setInt(2, users);
      insert.setInt(3, users);
      insert.executeUpdate();
      analyze.execute("VACUUM ANALYZE scim_users");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static int pick(Random random, int bound) {
    return 1 + random.nextInt(bound);
  }

  private static String measure(
      HttpClient http,
      Tenant.ScimEndpoint endpoint,
      int requests,
      String what,
      IntFunction<String> filter)
      throws Exception {
    return measure(http, endpoint, requests, what, filter, "");
  }

  private static String measure(
      HttpClient http,
      Tenant.ScimEndpoint endpoint,
      int requests,
      String what,
      IntFunction<String> filter,
      String extra)
      throws Exception {
    for (int i = 0; i < requests; i++) {
      list(http, endpoint, filter.apply(i), extra); // warm-up: the JIT, the pool, the caches
    }
    List<Long> micros = new ArrayList<>();
    long totals = 0;
    for (int i = 0; i < requests; i++) {
      String query = filter.apply(i);
      long sent = System.nanoTime();
      String body = list(http, endpoint, query, extra);
      micros.add((System.nanoTime() - sent) / 1000);
      Matcher total = Pattern.compile("\"totalResults\":(\\d+)").matcher(body);
      totals += total.find() ? Long.parseLong(total.group(1)) : 0;
    }
    Collections.sort(micros);
    return String.format(
        "| %s | %.1f ms | %.1f ms | %,.1f on average |",
        what,
        micros.get(micros.size() / 2) / 1000.0,
        micros.get((int) (micros.size() * 0.99)) / 1000.0,
        totals / (double) requests);
  }

  private static String list(
      HttpClient http, Tenant.ScimEndpoint endpoint, String filter, String extra) throws Exception {
    String url =
        endpoint.tenantUrl()
            + "/Users?"
            + (filter == null
                ? ""
                : "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))
            + extra;
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + endpoint.secretToken())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** The service's heap in use, as its Micrometer registry reports it (the sum of its pools). */
  private static double heapMiB(HttpClient http, String metrics) throws Exception {
    String text =
        http.send(
                HttpRequest.newBuilder(URI.create(metrics)).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double bytes = 0;
    Matcher heap = HEAP.matcher(text);
    while (heap.find()) {
      bytes += Double.parseDouble(heap.group(1));
    }
    return bytes / (1024 * 1024);
  }
}
