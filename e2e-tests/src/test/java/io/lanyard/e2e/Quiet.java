package io.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.testplatform.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Waits until nothing is in flight in a system: credential-service's outbox published, the
 * gateway's model and notification-service's feed at the end of their topics, no email pending.
 */
final class Quiet {

  private Quiet() {}

  /** Three quiet readings in a row, half a second apart. */
  static void await(LanyardSystem system) {
    AtomicInteger quietReadings = new AtomicInteger();
    Awaitility.await("the system settles (three quiet readings in a row)")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!isQuiet(system)) {
                quietReadings.set(0);
                return false;
              }
              return quietReadings.incrementAndGet() >= 3;
            });
  }

  /** In this order: published, then read, then the emails it queued sent. */
  private static boolean isQuiet(LanyardSystem system) {
    return system.queryNumber(Service.CREDENTIAL, "SELECT count(*) FROM event_store.outbox") == 0
        && behind(system, Service.DEVICE_GATEWAY) == 0
        && behind(system, Service.NOTIFICATION) == 0
        && system.queryNumber(
                Service.NOTIFICATION, "SELECT count(*) FROM mails WHERE status = 'pending'")
            == 0;
  }

  /**
   * How many records a service's projections have not read: their positions against the ends of
   * their topics as the broker reports them now (a consumer's own lag figure can read 0 before it
   * fetched again after an outage). Every replica is asked: a standby's projections are inactive,
   * and only the replica that holds a projection's lock reports its position.
   */
  static long behind(LanyardSystem system, Service service) {
    long behind = 0;
    try (KafkaConsumer<String, byte[]> kafka = TestTopics.consumer()) {
      for (ServiceProcess replica : system.replicas(service)) {
        Api.Answer answer =
            Api.send(
                "GET", replica.url("/ops/v1/projections"), system.oidc().operator(), null, null);
        if (answer.status() != 200) {
          return -1;
        }
        for (JsonNode projection : answer.json().get("items")) {
          if (projection.get("active").asBoolean()) {
            behind += behind(kafka, projection);
          }
        }
      }
    }
    return behind;
  }

  private static long behind(KafkaConsumer<String, byte[]> kafka, JsonNode projection) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (JsonNode topic : projection.get("topics")) {
      kafka.partitionsFor(topic.asText()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .forEach(partitions::add);
    }
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> end : kafka.endOffsets(partitions).entrySet()) {
      long position = projection.path("position").path(end.getKey().toString()).asLong(0);
      behind += Math.max(0, end.getValue() - position);
    }
    return behind;
  }
}
