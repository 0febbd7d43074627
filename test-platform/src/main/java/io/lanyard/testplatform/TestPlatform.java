package io.lanyard.testplatform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real infrastructure tests run against: the Kafka broker and the PostgreSQL server that {@code
 * ./lanyard test} (or {@code ./lanyard up}) started. Tests never start containers or mocks of their
 * own; when something is missing they fail at once and say how to start it.
 */
public final class TestPlatform {

  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

  private TestPlatform() {}

  public static String kafkaBootstrapServers() {
    return System.getProperty("lanyard.kafka.bootstrap", "127.0.0.1:9092");
  }

  public static String postgresHost() {
    return System.getProperty("lanyard.pg.host", "127.0.0.1");
  }

  public static int postgresPort() {
    return Integer.parseInt(System.getProperty("lanyard.pg.port", "5432"));
  }

  public static String postgresUser() {
    return System.getProperty("lanyard.pg.user", "postgres");
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
  }

  /** Fails with a message that names the fix when no broker answers. */
  public static void requireKafka() {
    String servers = kafkaBootstrapServers();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "No Kafka broker answers at "
              + servers
              + ". Run the tests with ./lanyard test, or start the platform with ./lanyard up.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while looking for Kafka at " + servers, e);
    }
  }

  /**
   * Drops and creates a database, so every test run starts from an empty schema that only the
   * service's own migrations have touched.
   */
  public static void recreateDatabase(String database) {
    if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl("postgres"), postgresUser(), "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + postgresHost()
              + ":"
              + postgresPort()
              + " refused to (re)create database "
              + database
              + ". Is it running? ./lanyard test starts it when it is down.",
          e);
    }
  }
}
