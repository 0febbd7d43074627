package io.lanyard.runtime.events;

import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.Upcaster;
import io.lanyard.eventstore.Upcasters;
import io.lanyard.eventstore.tracing.EventTracing;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The event store and the Kafka and PostgreSQL clients that the relay and consumers use. */
@ApplicationScoped
public class LanyardInfrastructure {

  private final String bootstrapServers;
  private final Map<String, String> security;
  private final PgConnectOptions database;

  LanyardInfrastructure(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "kafka.security.protocol") Optional<String> securityProtocol,
      @ConfigProperty(name = "kafka.sasl.mechanism") Optional<String> saslMechanism,
      @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> saslJaasConfig,
      @ConfigProperty(name = "lanyard.pg.host") String host,
      @ConfigProperty(name = "lanyard.pg.port") int port,
      @ConfigProperty(name = "lanyard.pg.user") String user,
      @ConfigProperty(name = "lanyard.pg.password") Optional<String> password,
      @ConfigProperty(name = "lanyard.database") String name) {
    this.bootstrapServers = bootstrapServers;
    // The broker's authentication (SCRAM in Kubernetes, none locally): the same kafka.* keys the
    // Quarkus Kafka health check reads.
    Map<String, String> security = new HashMap<>();
    securityProtocol.ifPresent(v -> security.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, v));
    saslMechanism.ifPresent(v -> security.put(SaslConfigs.SASL_MECHANISM, v));
    saslJaasConfig.ifPresent(v -> security.put(SaslConfigs.SASL_JAAS_CONFIG, v));
    this.security = Map.copyOf(security);
    this.database =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setUser(user)
            .setPassword(password.orElse(""))
            .setDatabase(name)
            .setCachePreparedStatements(true);
  }

  /** The service's upcasters: for its store's events, and its own history read from its topic. */
  @Produces
  @Singleton
  Upcasters upcasters(Instance<Upcaster> upcasters) {
    return new Upcasters(upcasters.stream().toList());
  }

  @Produces
  @Singleton
  PgEventStore eventStore(Pool pool, Upcasters upcasters, EventTracing tracing) {
    return new PgEventStore(pool, upcasters, tracing);
  }

  /** Connection options for connections of their own (advisory locks, LISTEN). */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(database);
  }

  /** An idempotent, acks=all producer: no loss, no reordering within a partition on retries. */
  public KafkaProducer<String, byte[]> producer(String clientId) {
    Properties config = clientConfig(clientId);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Kafka 4 lingers 5 ms by default; the relay already sends in batches and wants latency.
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(config);
  }

  /** A consumer for assign(): no group, offsets kept by the consumer helper in PostgreSQL. */
  public KafkaConsumer<String, byte[]> consumer(String clientId) {
    Properties config = clientConfig(clientId);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config);
  }

  private Properties clientConfig(String clientId) {
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    config.putAll(security);
    return config;
  }
}
