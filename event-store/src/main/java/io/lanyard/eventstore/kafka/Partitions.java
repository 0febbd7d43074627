package io.lanyard.eventstore.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reading whole topics without a consumer group: every partition, from where we were. */
public final class Partitions {

  private Partitions() {}

  /**
   * Assigns every partition of {@code topics} and positions each at its offset in {@code next}, or
   * at its beginning when it has none; answers the partitions.
   *
   * @throws IllegalStateException when a topic does not exist
   */
  public static List<TopicPartition> assignAll(
      Consumer<?, ?> consumer, List<String> topics, Map<TopicPartition, Long> next) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long offset = next.get(partition);
      if (offset == null) {
        fromStart.add(partition);
      } else {
        consumer.seek(partition, offset);
      }
    }
    if (!fromStart.isEmpty()) {
      // Kafka reads an empty list as every assigned partition: a reopen would start over.
      consumer.seekToBeginning(fromStart);
    }
    return partitions;
  }
}
