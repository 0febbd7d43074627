package io.lanyard.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service proves about itself: it started against the real PostgreSQL (its migrations
 * ran in its own database) and the real Kafka broker, and it reports liveness, readiness and
 * metrics. A service's test extends this and adds its {@code @QuarkusTest} setup.
 */
public abstract class ServiceStartupContract {

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
                "select count(*) filter (where not success), count(*) from flyway_schema_history")) {
      failed.next();
      assertEquals(0, failed.getInt(1), "failed migrations");
      assertTrue(failed.getInt(2) >= 1, "no migration ran");
    }
  }

  @Test
  void exposesMetricsAndOpenApi() {
    given().when().get("/q/metrics").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(200);
  }
}
