package io.lanyard.directory.domain.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.google.GoogleConnection.Event;
import io.lanyard.directory.domain.google.GoogleConnection.Event.GoogleConnectionConfigured;
import io.lanyard.directory.domain.google.GoogleConnection.Event.GoogleConnectionRemoved;
import io.lanyard.directory.domain.google.GoogleSettings.Source;
import io.lanyard.directory.domain.google.GoogleSettings.SyncMode;
import io.lanyard.kernel.DomainException;
import io.lanyard.testsupport.AggregateScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant's Google connection: the latest settings count, the key is kept unless replaced. */
class GoogleConnectionAggregateTest {

  private static final String TENANT = "tenant-a";

  private final AggregateScenario<GoogleConnection, Event> connection =
      AggregateScenario.of(GoogleConnection::fold);

  private static GoogleSettings settings(int intervalMinutes) {
    return new GoogleSettings(
        "my_customer",
        null,
        "admin@example.com",
        null,
        SyncMode.AUTOMATIC,
        intervalMinutes,
        Source.ORG_UNITS,
        List.of("/Staff"),
        true,
        false,
        true);
  }

  private static GoogleConnectionConfigured configured(
      int intervalMinutes, String clientEmail, String key, String by) {
    return new GoogleConnectionConfigured(
        TENANT,
        "my_customer",
        null,
        "admin@example.com",
        GoogleSettings.DEFAULT_API_ROOT,
        GoogleSettings.SyncMode.AUTOMATIC,
        intervalMinutes,
        GoogleSettings.Source.ORG_UNITS,
        List.of("/Staff"),
        true,
        false,
        true,
        clientEmail,
        key,
        by);
  }

  @Test
  void aTenantConnectsWithAKey() {
    connection
        .given()
        .when(
            c ->
                c.configure(TENANT, settings(60), "sa@p.iam.gserviceaccount.com", "key-1", "admin"))
        .then(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"));
    GoogleConnection connected =
        GoogleConnection.fold(
            List.of(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "a")));
    assertTrue(connected.connected());
    assertEquals(settings(60), connected.settings(), "the settings survive the event");
  }

  @Test
  void connectingWithoutAKeyIsRefused() {
    connection
        .given()
        .when(c -> c.configure(TENANT, settings(60), null, null, "admin"))
        .thenRefused(DomainException.class, "invalid_service_account_key");
  }

  @Test
  void changingSettingsWithoutAKeyKeepsTheOldKey() {
    connection
        .given(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"))
        .when(c -> c.configure(TENANT, settings(15), null, null, "other-admin"))
        .then(configured(15, "sa@p.iam.gserviceaccount.com", "key-1", "other-admin"));
  }

  @Test
  void aNewKeyReplacesTheOldOne() {
    connection
        .given(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"))
        .when(
            c ->
                c.configure(TENANT, settings(60), "sb@q.iam.gserviceaccount.com", "key-2", "admin"))
        .then(configured(60, "sb@q.iam.gserviceaccount.com", "key-2", "admin"));
  }

  @Test
  void invalidSettingsAreRefusedBeforeAnyEvent() {
    connection
        .given(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"))
        .when(
            c ->
                c.configure(
                    TENANT, settings(GoogleSettings.SHORTEST_INTERVAL - 1), null, null, "admin"))
        .thenRefused(DomainException.class, "invalid_interval_minutes");
  }

  @Test
  void aConnectionIsRemoved() {
    connection
        .given(configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"))
        .when(c -> c.remove(TENANT, "admin"))
        .then(new GoogleConnectionRemoved(TENANT, "admin"));
  }

  @Test
  void removingNoConnectionRecordsNothing() {
    connection.given().when(c -> c.remove(TENANT, "admin")).then();
    connection
        .given(
            configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"),
            new GoogleConnectionRemoved(TENANT, "admin"))
        .when(c -> c.remove(TENANT, "admin"))
        .then();
  }

  @Test
  void aRemovedConnectionForgetsItsKey() {
    GoogleConnection removed =
        GoogleConnection.fold(
            List.of(
                configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"),
                new GoogleConnectionRemoved(TENANT, "admin")));
    assertFalse(removed.connected());
    connection
        .given(
            configured(60, "sa@p.iam.gserviceaccount.com", "key-1", "admin"),
            new GoogleConnectionRemoved(TENANT, "admin"))
        .when(c -> c.configure(TENANT, settings(60), null, null, "admin"))
        .thenRefused(DomainException.class, "invalid_service_account_key");
  }
}
