package io.lanyard.eventstore.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record a consumer could not process, as it goes to the dead-letter topic: key, value and
 * headers as they were, plus where it came from and why ({@code lanyard_dlq_*} headers), so an
 * operator can look at it and send it back.
 */
public final class DeadLetters {

  private DeadLetters() {}

  public static ProducerRecord<String, byte[]> letter(
      String deadLetterTopic,
      String consumer,
      ConsumerRecord<String, byte[]> record,
      Exception error) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), record.headers());
    header(letter, "lanyard_dlq_consumer", consumer);
    header(letter, "lanyard_dlq_topic", record.topic());
    header(letter, "lanyard_dlq_partition", Integer.toString(record.partition()));
    header(letter, "lanyard_dlq_offset", Long.toString(record.offset()));
    header(letter, "lanyard_dlq_error", describe(error));
    return letter;
  }

  /** The error in a line, short enough for a header and a log. */
  public static String describe(Exception error) {
    String text = error.getClass().getSimpleName() + ": " + error.getMessage();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().remove(name);
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
