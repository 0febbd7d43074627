package io.lanyard.device.bench;

import io.lanyard.secrets.KeyRing;
import io.lanyard.testplatform.KafkaTools;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The gateway's targets, measured on the packaged app with topics, database and tenant of the
 * benchmark's own: catch-up of a million users (with codes and cards) from an empty gateway, the
 * model's heap, login throughput and latency next to a trivial endpoint, and how long a changed
 * code takes to work at the device. Run by {@code ./lanyard bench gateway}; prints a table for
 * {@code docs/benchmarks.md}.
 *
 * <p>Settings (system properties): {@code bench.users} (1,000,000), {@code bench.seconds} per wrk
 * run (20), {@code bench.warmup} seconds (10), {@code bench.heap} of the gateway (1g), {@code
 * bench.changes} code changes timed (500).
 */
public final class GatewayBenchmark {

  private static final int PORT = 18080;

  public static void main(String[] args) throws Exception {
    int users = Integer.getInteger("bench.users", 1_000_000);
    int seconds = Integer.getInteger("bench.seconds", 20);
    int warmup = Integer.getInteger("bench.warmup", 10);
    int changes = Integer.getInteger("bench.changes", 500);
    String heap = System.getProperty("bench.heap", "1g");
    Path app =
        Path.of(
            System.getProperty("bench.app", "device-gateway/target/quarkus-app/quarkus-run.jar"));
    Path work = Files.createDirectories(Path.of(".lanyard/bench-gateway"));
    TestPlatform.requireKafka();

    List<String> topics =
        List.of(
            TestTopics.create("bench.gateway.identity", 3),
            TestTopics.create("bench.gateway.credential", 3),
            TestTopics.create("bench.gateway.device", 3),
            TestTopics.create("bench.gateway.dlq", 1));
    KeyRing ring =
        KeyRing.parse(
            ConfigProvider.getConfig().getValue("lanyard.secrets.hash.keys", String.class),
            ConfigProvider.getConfig().getValue("lanyard.secrets.hash.current-key", String.class));
    BenchDirectory directory =
        new BenchDirectory(topics.get(0), topics.get(1), topics.get(2), ring);
    // identity-service's key APIs (the bench tenant's key), faked in this process.
    FakeServices identity = new FakeServices();
    identity.init(Map.of(FakeServices.CLIENTS_ARG, "identity-service"));
    Map<String, String> config = new java.util.HashMap<>(identity.start());
    config.putAll(
        Map.of(
            "lanyard.topics.identity",
            topics.get(0),
            "lanyard.topics.credential",
            topics.get(1),
            "lanyard.events.topic",
            topics.get(2),
            "lanyard.events.dead-letter-topic",
            topics.get(3),
            "lanyard.database",
            "lanyard_device_bench",
            "quarkus.log.level",
            "WARN",
            // The freshness probe makes one failed login per change, dozens a second, on purpose.
            "lanyard.device.tenant-throttle.free-failures",
            "1000000",
            // ... and from one device, far more than a device's hourly failure budget (issue 18).
            "lanyard.device.lockout.hourly-failures",
            "1000000",
            "quarkus.log.category.\"io.lanyard\".level",
            "INFO",
            // Its keys are the test profile's: no keys exist outside the dev and test profiles.
            "quarkus.profile",
            "test"));
    List<String> report = new ArrayList<>();
    try {
      TestPlatform.recreateDatabase("lanyard_device_bench");
      double emptyHeap;
      try (GatewayProcess empty =
          GatewayProcess.start(app, work.resolve("gateway-empty.log"), heap, PORT, config)) {
        empty.awaitReady(Duration.ofSeconds(120));
        emptyHeap = empty.heapAfterGcMib();
      }
      System.out.printf("empty gateway: %.1f MiB of heap after GC%n", emptyHeap);

      long start = System.nanoTime();
      long events = directory.write(users);
      System.out.printf(
          "wrote %,d events (%,d users with a code and a card) in %d ms%n",
          events, users, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

      TestPlatform.recreateDatabase("lanyard_device_bench");
      try (GatewayProcess gateway =
          GatewayProcess.start(app, work.resolve("gateway.log"), heap, PORT, config)) {
        long launched = System.nanoTime();
        String health = gateway.awaitReady(Duration.ofMinutes(5));
        long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
        String catchUp = health.replaceAll("(?s).*\"catchUpMillis\":\\s*(\\d+).*", "$1");
        double modelHeap = gateway.heapAfterGcMib() - emptyHeap;
        report.add(row("events on the topics", String.format("%,d", events)));
        report.add(row("catch-up (start of the feed → caught up)", catchUp + " ms"));
        report.add(row("JVM launch → ready", readyMillis + " ms"));
        report.add(
            row(
                "model heap (used after GC, minus an empty gateway's)",
                String.format("%.0f MiB", modelHeap)));
        // Kafka's own consumer on the same topics, now, while the caught-up gateway idles: the
        // catch-up's reference on a machine whose speed varies from day to day.
        KafkaTools.ConsumerRate kafka = KafkaTools.consumerPerfTest(topics.subList(0, 3));
        double catchUpRate = events * 1000.0 / Long.parseLong(catchUp);
        report.add(row("catch-up rate", String.format("%,.0f events/s", catchUpRate)));
        report.add(row("kafka-consumer-perf-test, same topics, same run", kafka.toString()));
        report.add(
            row(
                "catch-up ÷ Kafka's own consumer",
                String.format("%.2f× (target ≥ 0.5×)", catchUpRate / kafka.perSecond())));
        printReport(report);

        Wrk wrk = new Wrk(2, 32);
        Path code =
            Wrk.postScript(
                work,
                "code",
                BenchDirectory.DEVICE_TOKEN,
                "string.format('{\"code\":\"B%07d\"}', math.random(0, " + (users - 1) + "))");
        Path card =
            Wrk.postScript(
                work,
                "card",
                BenchDirectory.DEVICE_TOKEN,
                "string.format('{\"cardNumber\":\"%08X\"}', 0x10000000 + math.random(0, "
                    + (users - 1)
                    + "))");
        String ping = gateway.url("/device/v1/ping");
        String codeUrl = gateway.url("/device/v1/login/code");
        String cardUrl = gateway.url("/device/v1/login/card");
        wrk.run(ping, null, warmup);
        wrk.run(codeUrl, code, warmup);
        wrk.run(cardUrl, card, warmup);
        Wrk.Result trivial = wrk.run(ping, null, seconds);
        Wrk.Result byCode = wrk.run(codeUrl, code, seconds);
        Wrk.Result byCard = wrk.run(cardUrl, card, seconds);
        report.add(row("GET /device/v1/ping (trivial)", throughput(trivial, trivial)));
        report.add(row("POST /device/v1/login/code", throughput(byCode, trivial)));
        report.add(row("POST /device/v1/login/card", throughput(byCard, trivial)));
        printReport(report);

        report.add(
            row(
                "code change on Kafka → works at the device",
                freshness(directory, gateway, changes)));
      }
    } finally {
      deleteTopics(topics);
      identity.stop();
    }
    printReport(report);
  }

  private static String throughput(Wrk.Result result, Wrk.Result trivial) {
    return String.format(
        "%,.0f req/s (%.0f %% of trivial), p50 %s, p99 %s, %,d non-2xx of %,d",
        result.requestsPerSecond(),
        100 * result.requestsPerSecond() / trivial.requestsPerSecond(),
        result.p50(),
        result.p99(),
        result.errors(),
        result.requests());
  }

  /**
   * Changes codes one after another; for each, the time from sending the event until the device API
   * answers from the changed model. The probe is the old code, which works until the change is
   * applied: probing with the new code would be a stream of failed logins, which the lockout and
   * the tenant throttle slow down by design. The first request refused was sent after the change
   * took effect (within one probe, a fraction of a millisecond); the new code is then checked once.
   */
  private static String freshness(BenchDirectory directory, GatewayProcess gateway, int changes)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int warmup = 50;
    long[] micros = new long[changes];
    try (KafkaProducer<String, byte[]> producer = TestTopics.producer()) {
      // The first changes warm the producer, the HTTP client and the code paths up; not counted.
      for (int i = -warmup; i < changes; i++) {
        int user = i + warmup;
        String code = String.format("F%07d", user);
        long sent = System.nanoTime();
        directory.changeCode(producer, user, code, 3);
        long refusedAt;
        while (true) {
          long probe = System.nanoTime();
          int status = login(http, gateway, BenchDirectory.code(user));
          if (status == 401) {
            refusedAt = probe;
            break;
          }
          if (status != 200) {
            throw new IllegalStateException("the old code of user " + user + " got " + status);
          }
          if (probe - sent > TimeUnit.SECONDS.toNanos(10)) {
            throw new IllegalStateException("the change of user " + user + " took over 10 s");
          }
        }
        if (login(http, gateway, code) != 200) {
          throw new IllegalStateException("the new code of user " + user + " does not work");
        }
        if (i >= 0) {
          micros[i] = TimeUnit.NANOSECONDS.toMicros(refusedAt - sent);
        }
        Thread.sleep(20);
      }
    }
    Arrays.sort(micros);
    return String.format(
        "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d changes, each sent and acknowledged, then probed)",
        micros[changes / 2] / 1000.0,
        micros[(int) Math.ceil(changes * 0.99) - 1] / 1000.0,
        micros[changes - 1] / 1000.0,
        changes);
  }

  private static int login(HttpClient http, GatewayProcess gateway, String code)
      throws java.io.IOException, InterruptedException {
    HttpRequest login =
        HttpRequest.newBuilder(URI.create(gateway.url("/device/v1/login/code")))
            .header("Authorization", "Bearer " + BenchDirectory.DEVICE_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
            .build();
    return http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String row(String measure, String value) {
    return "| " + measure + " | " + value + " |";
  }

  private static void printReport(List<String> rows) {
    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
  }

  private static void deleteTopics(List<String> topics) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestPlatform.kafkaBootstrapServers()))) {
      admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("could not delete the benchmark's topics " + topics + ": " + e);
    }
  }
}
