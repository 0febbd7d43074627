package io.lanyard.eventstore.consumer;

import io.lanyard.eventstore.kafka.Partitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads whole topics from their beginning toward a target offset per partition, never past it: a
 * rebuilt model must stop where the live one is so that the two can be compared and swapped.
 */
public final class CatchUpReader implements AutoCloseable {

  private final Consumer<String, byte[]> consumer;
  private final Map<TopicPartition, Long> beginnings;
  private final Map<TopicPartition, Long> positions;

  public CatchUpReader(Consumer<String, byte[]> consumer, List<String> topics) {
    this.consumer = consumer;
    try {
      List<TopicPartition> partitions = Partitions.assignAll(consumer, topics, Map.of());
      this.beginnings = Map.copyOf(consumer.beginningOffsets(partitions));
      this.positions = new HashMap<>(beginnings);
    } catch (RuntimeException e) {
      consumer.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  /**
   * Polls once and hands {@code apply} the records before the target, in order; the rest are read
   * again later. A partition with no target stays at its beginning (the live model has read none of
   * it). Answers whether every partition has reached its target.
   */
  public boolean readOnce(
      Map<TopicPartition, Long> target,
      java.util.function.Consumer<List<ConsumerRecord<String, byte[]>>> apply,
      Duration pollTimeout) {
    if (reached(target)) {
      return true;
    }
    List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>();
    Map<TopicPartition, Long> heldBack = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      long limit = limitOf(target, partition);
      if (record.offset() < limit) {
        wanted.add(record);
      } else {
        heldBack.putIfAbsent(partition, limit);
      }
    }
    try {
      if (!wanted.isEmpty()) {
        apply.accept(wanted);
      }
    } catch (RuntimeException e) {
      positions.forEach(consumer::seek);
      throw e;
    }
    for (ConsumerRecord<String, byte[]> record : wanted) {
      positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }
    heldBack.forEach(consumer::seek);
    return reached(target);
  }

  public boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
      if (position.getValue() < limitOf(target, position.getKey())) {
        return false;
      }
    }
    return true;
  }

  /** Records read since the beginning. */
  public long read() {
    long read = 0;
    for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
      read += position.getValue() - beginnings.get(position.getKey());
    }
    return read;
  }

  /** Records from the beginning to {@code target}. */
  public long total(Map<TopicPartition, Long> target) {
    long total = 0;
    for (Map.Entry<TopicPartition, Long> beginning : beginnings.entrySet()) {
      total += Math.max(0, limitOf(target, beginning.getKey()) - beginning.getValue());
    }
    return total;
  }

  public Map<String, Long> position() {
    return named(positions);
  }

  /** Positions as operators read them: {@code <topic>-<partition>}, sorted. */
  public static Map<String, Long> named(Map<TopicPartition, Long> positions) {
    Map<String, Long> named = new TreeMap<>();
    positions.forEach((partition, offset) -> named.put(partition.toString(), offset));
    return named;
  }

  private long limitOf(Map<TopicPartition, Long> target, TopicPartition partition) {
    Long limit = target.get(partition);
    return limit != null ? limit : beginnings.getOrDefault(partition, 0L);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
