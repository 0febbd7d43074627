package io.lanyard.device.bench;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.secrets.KeyRing;
import io.lanyard.secrets.OpaqueTokens;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.TestEvents;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A tenant of a million users, written to the benchmark's own topics as identity-service,
 * credential-service and device-gateway would: each user's {@code UserCreated}, {@code
 * AccessCodeChanged} and {@code CardRegistered}, and one device. User {@code i} has code {@link
 * #code(int)} and card {@link #card(int)}, so a load generator can type and swipe them.
 */
final class BenchDirectory {

  static final String TENANT = "bench";
  static final String DEVICE_TOKEN = "lyd_" + "b".repeat(43);

  private final String identityTopic;
  private final String credentialTopic;
  private final String deviceTopic;
  private final SecretHasher hasher;

  BenchDirectory(String identityTopic, String credentialTopic, String deviceTopic, KeyRing ring) {
    this.identityTopic = identityTopic;
    this.credentialTopic = credentialTopic;
    this.deviceTopic = deviceTopic;
    // The bench tenant's own key, as the fake identity-service the gateway asks serves it.
    this.hasher =
        new SecretHasher(
            ring,
            tenant ->
                java.util.Optional.of(io.lanyard.testsupport.FakeDataKeys.tenantKeyOf(tenant)));
  }

  static String code(int user) {
    return String.format("B%07d", user);
  }

  static String card(int user) {
    return String.format("%08X", 0x10000000 + user);
  }

  static UUID userId(int user) {
    return new UUID(0xBE7C000000000000L, user);
  }

  /** Writes the tenant, its device and {@code users} users; answers the number of events. */
  long write(int users) throws InterruptedException, ExecutionException {
    Properties config = TestTopics.producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    long events = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      send(
          producer,
          identityTopic,
          "identity-service",
          IdentityEvents.TENANT_CREATED,
          "tenant:" + TENANT,
          1,
          "{\"tenantId\":\"bench\",\"name\":\"Bench\"}");
      String device = UUID.randomUUID().toString();
      send(
          producer,
          deviceTopic,
          "device-gateway",
          DeviceEvents.DEVICE_REGISTERED,
          device,
          1,
          "{\"deviceId\":\"%s\",\"tenantId\":\"bench\",\"name\":\"Bench MFD\",\"location\":null,\"tokenHash\":\"%s\",\"registeredBy\":\"bench\"}"
              .formatted(device, OpaqueTokens.hash(DEVICE_TOKEN)));
      events += 2;
      for (int i = 0; i < users; i++) {
        String id = userId(i).toString();
        send(
            producer,
            identityTopic,
            "identity-service",
            IdentityEvents.USER_CREATED,
            id,
            1,
            ("{\"userId\":\"%s\",\"tenantId\":\"bench\",\"username\":\"user%d@bench.example\","
                    + "\"displayName\":\"Bench User %d\",\"email\":\"user%d@bench.example\",\"origin\":\"manual\"}")
                .formatted(id, i, i, i));
        codeChanged(producer, i, code(i), 1);
        send(
            producer,
            credentialTopic,
            "credential-service",
            CredentialEvents.CARD_REGISTERED,
            id,
            2,
            ("{\"userId\":\"%s\",\"tenantId\":\"bench\",\"cardId\":\"%s\",\"cardHash\":\"%s\","
                    + "\"cardCiphertext\":\"k:x\",\"maskedNumber\":\"••••\",\"label\":null,"
                    + "\"source\":\"admin\",\"registeredBy\":\"bench\"}")
                .formatted(
                    id,
                    new UUID(0xCA4D000000000000L, i),
                    hasher.hash(TENANT, SecretPurposes.CARD_NUMBER, card(i))));
        events += 3;
      }
      producer.flush();
    }
    return events;
  }

  /** A changed code for user {@code user}: sent, and acknowledged by the broker on return. */
  void changeCode(KafkaProducer<String, byte[]> producer, int user, String code, long version)
      throws InterruptedException, ExecutionException {
    codeChanged(producer, user, code, version).get();
  }

  private Future<?> codeChanged(
      KafkaProducer<String, byte[]> producer, int user, String code, long version) {
    String id = userId(user).toString();
    return send(
        producer,
        credentialTopic,
        "credential-service",
        CredentialEvents.ACCESS_CODE_CHANGED,
        id,
        version,
        ("{\"userId\":\"%s\",\"tenantId\":\"bench\",\"codeHash\":\"%s\",\"codeCiphertext\":\"k:x\","
                + "\"reason\":\"admin\",\"notifyUser\":false,\"changedBy\":\"bench\"}")
            .formatted(id, hasher.hash(TENANT, SecretPurposes.ACCESS_CODE, code)));
  }

  private static Future<?> send(
      KafkaProducer<String, byte[]> producer,
      String topic,
      String source,
      EventType type,
      String subject,
      long version,
      String json) {
    return producer.send(TestEvents.record(topic, source, type, subject, TENANT, version, json));
  }
}
