package io.lanyard.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.testplatform.TestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The events of one key (a user, a tenant) on the service's topic, as consumers see them. */
final class Events {

  record Event(String type, JsonNode data) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String key;

  private Events(String key) {
    this.key = key;
  }

  static Events of(String key) {
    return new Events(key);
  }

  /** All of the key's events now on the topic, in order. */
  List<Event> now() {
    return TestTopics.readToEnd(IdentityApiTest.topic()).stream()
        .filter(record -> key.equals(record.key()))
        .map(Events::event)
        .toList();
  }

  /** The key's events once there are at least {@code count}. */
  List<Event> await(int count) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(this::now, events -> events.size() >= count);
  }

  private static Event event(ConsumerRecord<String, byte[]> record) {
    try {
      return new Event(IdentityApiTest.header(record, "ce_type"), JSON.readTree(record.value()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
