package io.lanyard.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.CloudEventAttributes;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.EventTypeRegistry;
import io.lanyard.contracts.LanyardEvents;
import io.lanyard.eventstore.NewEvent;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.lanyard.eventstore.Upcaster;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service proves about itself: it started against the real PostgreSQL (its migrations
 * and the event store's ran in its own database) and the real Kafka broker, it reports liveness,
 * readiness and metrics, and what it appends to its event store reaches its topic through its
 * outbox relay. A service's test extends this and adds its {@code @QuarkusTest} setup.
 */
public abstract class ServiceStartupContract {

  @Inject PgEventStore eventStore;
  @Inject Instance<Upcaster> upcasters;

  @Test
  void isLive() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void isReadyWithDatabaseAndKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Kafka connection health check"))
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
  }

  @Test
  void migratedItsOwnDatabase() throws Exception {
    String database = ConfigProvider.getConfig().getValue("lanyard.database", String.class);
    assertTrue(database.endsWith("_test"), "tests must not touch the local system's data");
    try (Connection connection =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl(database), TestPlatform.postgresUser(), "");
        Statement statement = connection.createStatement();
        ResultSet failed =
            statement.executeQuery(
                "select count(*) filter (where not success), count(*) from flyway_schema_history"
                    + " union all select count(*) filter (where not success), count(*)"
                    + " from event_store.flyway_schema_history")) {
      while (failed.next()) {
        assertEquals(0, failed.getInt(1), "failed migrations");
        assertTrue(failed.getInt(2) >= 1, "no migration ran");
      }
    }
  }

  @Test
  void publishesWhatItAppendsThroughItsOutbox() {
    String stream = UUID.randomUUID().toString();
    eventStore
        .append(
            new StreamId("probe", stream, "acme"),
            0,
            List.of(NewEvent.of(EventType.of("test", "Probed", 1), "{\"probe\":true}")))
        .await()
        .indefinitely();
    String topic = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    List<ConsumerRecord<String, byte[]>> ours =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TestTopics.readToEnd(topic).stream()
                        .filter(record -> stream.equals(record.key()))
                        .toList(),
                found -> !found.isEmpty());
    assertEquals(1, ours.size());
    assertEquals(
        service,
        new String(
            ours.get(0).headers().lastHeader(CloudEventAttributes.SOURCE).value(),
            StandardCharsets.UTF_8));
    // Stored as jsonb, the data comes back normalised (a space after the colon).
    assertEquals(
        "{\"probe\":true}",
        new String(ours.get(0).value(), StandardCharsets.UTF_8).replace(" ", ""));
  }

  /**
   * A new version of an event this service publishes comes with the upcaster from the version
   * before it, or the service could not read its own history (event-contracts' PublishedSchemasTest
   * makes an incompatible schema change a new version).
   */
  @Test
  void everyNewVersionOfItsEventsHasAnUpcasterFromThePreviousOne() {
    String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    String domain = "io.lanyard." + service.substring(0, service.indexOf('-')) + ".";
    Set<EventType> upcastable = upcasters.stream().map(Upcaster::from).collect(Collectors.toSet());
    List<EventType> missing =
        LanyardEvents.registry().all().stream()
            .map(EventTypeRegistry.Registration::type)
            .filter(type -> type.name().startsWith(domain) && type.version() > 1)
            .map(type -> new EventType(type.name(), type.version() - 1))
            .filter(previous -> !upcastable.contains(previous))
            .toList();
    assertEquals(List.of(), missing, "published versions without an upcaster to the next");
  }

  @Test
  void exposesMetricsAndOpenApi() {
    given().when().get("/q/metrics").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(200);
  }

  /**
   * What the dashboards and alerts of every service read, each with its help text (a counter's help
   * names it without its {@code _total}).
   */
  @Test
  void exposesTheMetricsEveryServiceShares() {
    String metrics = given().when().get("/q/metrics").then().extract().asString();
    for (String series :
        List.of(
            "lanyard_outbox_depth_events",
            "lanyard_outbox_age_seconds",
            "lanyard_outbox_published",
            "lanyard_outbox_latency_seconds")) {
      assertTrue(metrics.contains("# HELP " + series + " "), series + " is exposed with its help");
    }
  }
}
