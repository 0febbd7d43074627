package io.lanyard.testplatform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Topics of a test's own on the real broker (unique names, so runs and a running {@code ./lanyard
 * up} never see each other's records), and plain clients to write and read them.
 */
public final class TestTopics {

  private TestTopics() {}

  /** Creates a topic named {@code <prefix>.<random>} with full retention and answers its name. */
  public static String create(String prefix, int partitions) {
    String name = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    createNamed(name, partitions);
    return name;
  }

  /** Deletes a topic, as an incident would, and waits until the broker no longer lists it. */
  public static void delete(String name) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestPlatform.kafkaBootstrapServers()))) {
      admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
      Awaitility.await("topic " + name + " gone")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not delete topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static void createNamed(String name, int partitions) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestPlatform.kafkaBootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
      // Created is not yet readable: wait until every partition has a leader.
      Awaitility.await("leaders of " + name)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> hasLeaders(admin, name, partitions));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.kafkaBootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return config;
  }

  public static Properties consumerConfig() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  public static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(producerConfig());
  }

  public static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(consumerConfig());
  }

  /**
   * Reads a topic from its beginning, partition by partition in offset order, until at least {@code
   * atLeast} records arrived or the time is up; answers what it read.
   */
  public static List<ConsumerRecord<String, byte[]>> readAll(
      String topic, int atLeast, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Reads a topic from its beginning up to the end it has now, partition by partition. */
  public static List<ConsumerRecord<String, byte[]>> readToEnd(String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static List<TopicPartition> assignFromBeginning(
      KafkaConsumer<String, byte[]> consumer, String topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private static boolean hasLeaders(Admin admin, String name, int partitions)
      throws InterruptedException {
    try {
      var description =
          admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS);
      var infos = description.get(name).partitions();
      return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
