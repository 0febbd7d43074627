package io.lanyard.e2e;

import io.lanyard.testplatform.TestTopics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a topic from its end for the first record produced after a moment: a relay that took over
 * has published. A record's timestamp is its producer's send time, so a dead producer's last sends
 * (still reaching the broker) do not count.
 */
final class FirstRecordAfter implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer = TestTopics.consumer();

  private FirstRecordAfter(String topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // the end as of now, not as of the first poll
  }

  static FirstRecordAfter watch(String topic) {
    return new FirstRecordAfter(topic);
  }

  /**
   * Polls until a record produced after {@code epochMillis} arrives; answers its timestamp (when it
   * was sent).
   */
  long await(long epochMillis, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
        if (record.timestamp() > epochMillis) {
          return record.timestamp();
        }
      }
    }
    throw new AssertionError("nothing was published within " + timeout);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
