package io.lanyard.testsupport;

import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a service under test at the real Kafka broker, a fresh database of its own (the {@code
 * database} argument, e.g. {@code lanyard_identity_test}) and a fresh topic for its events, never
 * at the data of the local system that {@code ./lanyard up} runs; and an in-JVM OIDC server whose
 * tokens {@link TestTokens} mints.
 */
public class ServicePlatformResource implements QuarkusTestResourceLifecycleManager {

  public static final String DATABASE_ARG = "database";

  private String database;
  private final OidcWiremockTestResource oidc = new OidcWiremockTestResource();

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get(DATABASE_ARG);
    if (database == null || !database.endsWith("_test")) {
      throw new IllegalArgumentException(
          "ServicePlatformResource needs a '" + DATABASE_ARG + "' argument ending in _test");
    }
  }

  @Override
  public Map<String, String> start() {
    TestPlatform.requireKafka();
    TestPlatform.recreateDatabase(database);
    String topic = TestTopics.create("test." + database, 3);
    Map<String, String> config = new HashMap<>(oidc.start());
    // Every topic the service reads or writes is one of this run's own.
    for (String domain : List.of("identity", "credential", "directory", "device", "notification")) {
      config.put("lanyard.topics." + domain, TestTopics.create("test." + domain, 3));
    }
    config.put("lanyard.events.dead-letter-topic", TestTopics.create("test.dlq", 1));
    config.putAll(
        Map.of(
            "quarkus.oidc.auth-server-url",
            config.get("keycloak.url") + "/realms/quarkus/",
            "lanyard.events.topic",
            topic,
            "lanyard.database",
            database,
            "lanyard.pg.host",
            TestPlatform.postgresHost(),
            "lanyard.pg.port",
            String.valueOf(TestPlatform.postgresPort()),
            "kafka.bootstrap.servers",
            TestPlatform.kafkaBootstrapServers()));
    return config;
  }

  @Override
  public void stop() {
    oidc.stop();
    // The database stays for inspection after a failed run; the next run drops it first.
  }
}
