package io.lanyard.testplatform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own measuring tools ({@code kafka-e2e-latency}, {@code kafka-consumer-perf-test}), run
 * from the broker's distribution against the broker the benchmark uses, in the same run: on a noisy
 * two-core machine a benchmark's figure means something only beside what Kafka itself gets at that
 * moment. The distribution's {@code libs/} directory is {@code lanyard.kafka.libs} ({@code
 * ./lanyard bench} sets it).
 */
public final class KafkaTools {

  private static final Pattern LATENCY =
      Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");
  private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");

  private KafkaTools() {}

  /** {@code kafka-e2e-latency}'s answer: one message at a time, produced and consumed. */
  public record Latency(int messages, double averageMillis, long p50, long p99, long p999) {
    @Override
    public String toString() {
      return String.format(
          "Kafka's EndToEndLatency, %,d messages one at a time, acks=all: avg %.2f ms, p50 %d ms,"
              + " p99 %d ms, p99.9 %d ms",
          messages, averageMillis, p50, p99, p999);
    }
  }

  /**
   * {@code kafka-consumer-perf-test}'s answer over some topics, read one after the other: the
   * records and the time the tool reports fetching them (its group join and JVM start left out, so
   * this is the client's ceiling on this broker at this moment).
   */
  public record ConsumerRate(long messages, double fetchSeconds) {
    public double perSecond() {
      return messages / fetchSeconds;
    }

    @Override
    public String toString() {
      return String.format(
          "Kafka's ConsumerPerformance: %,d records fetched in %.1f s = %,.0f records/s",
          messages, fetchSeconds, perSecond());
    }
  }

  /**
   * Runs {@code EndToEndLatency} on {@code topic} (created by the tool if missing): {@code
   * messages} of {@code size} bytes, each sent with acks=all and consumed before the next is sent.
   */
  public static Latency endToEndLatency(String topic, int messages, int size) {
    String out =
        run(
            "org.apache.kafka.tools.EndToEndLatency",
            TestPlatform.kafkaBootstrapServers(),
            topic,
            String.valueOf(messages),
            "all",
            String.valueOf(size));
    Matcher percentiles = LATENCY.matcher(out);
    Matcher average = AVERAGE.matcher(out);
    if (!percentiles.find() || !average.find()) {
      throw new IllegalStateException("EndToEndLatency printed no figures:\n" + out);
    }
    return new Latency(
        messages,
        Double.parseDouble(average.group(1)),
        Long.parseLong(percentiles.group(1)),
        Long.parseLong(percentiles.group(2)),
        Long.parseLong(percentiles.group(3)));
  }

  /**
   * Runs {@code ConsumerPerformance} once per topic (the tool reads one topic a run), each to the
   * topic's end as it is now.
   */
  public static ConsumerRate consumerPerfTest(List<String> topics) {
    long messages = 0;
    double fetchMillis = 0;
    for (String topic : topics) {
      long count = recordsOn(topic);
      String out =
          run(
              "org.apache.kafka.tools.ConsumerPerformance",
              "--bootstrap-server",
              TestPlatform.kafkaBootstrapServers(),
              "--topic",
              topic,
              "--messages",
              String.valueOf(count),
              "--timeout",
              "120000");
      // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, ...
      String[] fields = figures(out);
      messages += Long.parseLong(fields[4].strip());
      fetchMillis += Double.parseDouble(fields[7].strip());
    }
    return new ConsumerRate(messages, fetchMillis / 1000);
  }

  private static long recordsOn(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = TestTopics.consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
      return partitions.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
    }
  }

  /** The tool's line of figures: its log lines may come before or after it. */
  private static String[] figures(String out) {
    String[] lines = out.strip().split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      String[] fields = lines[i].split(",\\s*");
      if (fields.length >= 10 && fields[4].strip().matches("\\d+")) {
        return fields;
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no figures:\n" + out);
  }

  private static String run(String mainClass, String... args) {
    String libs = System.getProperty("lanyard.kafka.libs");
    if (libs == null || !Files.isDirectory(Path.of(libs))) {
      throw new IllegalStateException(
          "lanyard.kafka.libs names no Kafka distribution's libs/ ("
              + libs
              + "): run ./lanyard bench");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(libs + "/*");
    command.add(mainClass);
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(mainClass + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + mainClass, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(mainClass + " interrupted", e);
    }
  }
}
