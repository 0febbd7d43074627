package io.lanyard.identity;

import static io.lanyard.identity.GuestApiTest.createGuest;
import static io.lanyard.identity.GuestApiTest.newTenant;
import static io.lanyard.identity.IdentityApiTest.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.identity.application.GuestScheduler;
import io.lanyard.testsupport.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guest scheduler against the real database and topic, with the service's clock stopped at the
 * instants that matter. Its loop runs every second in tests; passes run here besides it stand for a
 * second replica.
 */
@QuarkusTest
class GuestSchedulerTest {

  @Inject MovableClock clock;
  @Inject GuestScheduler scheduler;
  @Inject MeterRegistry registry;

  @AfterEach
  void realTimeAndRunning() {
    clock.reset();
    scheduler.start();
  }

  private static String status(String tenant, String id) {
    return admin(tenant)
        .get("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("status");
  }

  private double passes() {
    return registry.get("lanyard.scheduler.passes").counter().count();
  }

  /** Lets the loop run at least {@code count} whole passes at the clock as it is now. */
  private void loopPasses(int count) {
    double before = passes();
    await().atMost(Duration.ofSeconds(20)).until(() -> passes() >= before + count + 1);
  }

  private static List<String> types(List<Events.Event> events) {
    return events.stream().map(Events.Event::type).toList();
  }

  @Test
  void aGuestIsSuspendedAtTheEndOfTheWindowToTheSecondAndOnlyOnce() {
    String tenant = newTenant("sched-");
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant until = from.plus(Duration.ofHours(2));
    String id = createGuest(tenant, from, until);

    clock.stopAt(until.minusSeconds(1));
    loopPasses(2);
    scheduler.pass();
    assertEquals("active", status(tenant, id), "a second before the end, nothing happens");

    clock.stopAt(until);
    // The loop and three more "replicas" race for the same deadline.
    List<CompletableFuture<GuestScheduler.Pass>> racing =
        IntStream.range(0, 3)
            .mapToObj(i -> CompletableFuture.supplyAsync(scheduler::pass))
            .toList();
    racing.forEach(CompletableFuture::join);
    await().atMost(Duration.ofSeconds(10)).until(() -> "suspended".equals(status(tenant, id)));
    loopPasses(3);
    scheduler.pass();

    admin(tenant).get("/admin/v1/users/" + id).then().body("version", equalTo(2));
    List<Events.Event> events = Events.of(id).await(2);
    assertEquals(
        List.of("io.lanyard.identity.UserCreated.v2", "io.lanyard.identity.UserSuspended.v1"),
        types(events),
        "suspended once, whatever the passes and replicas");
    assertEquals("guest_window_ended", events.get(1).data().get("reason").asText());

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("lanyard_scheduler_passes_total"), "passes are counted");
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("lanyard_scheduler_actions_total{")
                        && line.contains("action=\"guest_suspended\"")
                        && !line.endsWith(" 0.0")),
        "suspensions are counted");
    assertTrue(
        metrics.contains("action=\"guest_deleted\""),
        "deletions have their counter from the start");
  }

  @Test
  void anEndedGuestIsNotReactivatedUntilTheAdminExtendsTheWindow() {
    String tenant = newTenant("react-");
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant until = from.plus(Duration.ofHours(1));
    String id = createGuest(tenant, from, until);
    clock.stopAt(until.plusSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> "suspended".equals(status(tenant, id)));

    admin(tenant)
        .post("/admin/v1/users/" + id + "/reactivate")
        .then()
        .statusCode(409)
        .body("error", equalTo("guest_window_ended"));
    Instant extended = until.plus(Duration.ofDays(1));
    admin(tenant)
        .body(Map.of("validUntil", extended.toString()))
        .patch("/admin/v1/users/" + id)
        .then()
        .statusCode(200)
        .body("validUntil", equalTo(extended.toString()))
        .body("status", equalTo("suspended"));
    admin(tenant)
        .post("/admin/v1/users/" + id + "/reactivate")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    loopPasses(2);
    assertEquals("active", status(tenant, id), "inside the new window, the guest stays active");
  }

  @Test
  void aGuestIsDeletedOnceTheTenantsRetentionHasPassed() {
    String tenant = newTenant("retain-");
    admin(tenant)
        .body(Map.of("guestRetentionDays", 2))
        .put("/admin/v1/tenant-settings")
        .then()
        .statusCode(200);
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant until = from.plus(Duration.ofHours(1));
    String id = createGuest(tenant, from, until);
    Instant due = until.plus(Duration.ofDays(2));

    clock.stopAt(due.minusSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> "suspended".equals(status(tenant, id)));
    loopPasses(2);
    assertEquals("suspended", status(tenant, id), "kept until the retention has passed");

    clock.stopAt(due);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin(tenant).get("/admin/v1/users/" + id).statusCode() == 404);
    loopPasses(2);
    scheduler.pass();
    List<Events.Event> events = Events.of(id).await(3);
    assertEquals(
        List.of(
            "io.lanyard.identity.UserCreated.v2",
            "io.lanyard.identity.UserSuspended.v1",
            "io.lanyard.identity.UserDeleted.v1"),
        types(events));
    assertEquals("guest_retention", events.get(2).data().get("reason").asText());
    admin(tenant)
        .queryParam("kind", "guest")
        .get("/admin/v1/users")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void aPassAfterDowntimeCatchesUpOnEveryDeadlineThatPassedMeanwhile() throws InterruptedException {
    String tenant = newTenant("catchup-");
    Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String ended = createGuest(tenant, from, from.plus(Duration.ofHours(1)));
    String longGone = createGuest(tenant, from, from.plus(Duration.ofMinutes(30)));
    String inside = createGuest(tenant, from, from.plus(Duration.ofDays(40)));
    scheduler.stop();

    // While no replica runs the scheduler, one window ends and another guest's retention passes.
    clock.stopAt(from.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(45)));
    // An absence is shown by waiting: two passes at the tests' 1 s pace would have acted.
    Thread.sleep(2_000);
    assertEquals("active", status(tenant, ended), "nothing acts while the scheduler is down");

    scheduler.start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin(tenant).get("/admin/v1/users/" + longGone).statusCode() == 404);
    await().atMost(Duration.ofSeconds(10)).until(() -> "suspended".equals(status(tenant, ended)));
    assertEquals("active", status(tenant, inside));
    assertEquals(
        List.of(
            "io.lanyard.identity.UserCreated.v2",
            "io.lanyard.identity.UserSuspended.v1",
            "io.lanyard.identity.UserDeleted.v1"),
        types(Events.of(longGone).await(3)),
        "both deadlines, in order");
    List<Events.Event> endedEvents = Events.of(ended).await(2);
    assertEquals("guest_window_ended", endedEvents.get(1).data().get("reason").asText());
  }

  @Test
  void anAdminsAndTheDirectorysSuspensionsAndDeletionsSaySo() {
    String tenant = newTenant("reasons-");
    String mine = IdentityApiTest.createUser(tenant, IdentityApiTest.unique("adm-"));
    admin(tenant).post("/admin/v1/users/" + mine + "/suspend").then().statusCode(200);
    admin(tenant).delete("/admin/v1/users/" + mine).then().statusCode(204);
    String service = io.lanyard.testsupport.TestTokens.service("directory-sync-service");
    String external = IdentityApiTest.unique("ext-");
    String theirs =
        IdentityApiTest.as(service)
            .body(
                Map.of(
                    "username", external, "displayName", "Dir", "email", external + "@x.example"))
            .put("/internal/v1/tenants/" + tenant + "/users/by-external-id/scim/" + external)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    IdentityApiTest.as(service)
        .post("/internal/v1/tenants/" + tenant + "/users/" + theirs + "/suspend")
        .then()
        .statusCode(200);
    IdentityApiTest.as(service)
        .delete("/internal/v1/tenants/" + tenant + "/users/" + theirs)
        .then()
        .statusCode(204);
    IdentityApiTest.as(service)
        .body(
            Map.of(
                "username",
                external + "x",
                "displayName",
                "Dir",
                "email",
                external + "x@x.example",
                "kind",
                "guest"))
        .put("/internal/v1/tenants/" + tenant + "/users/by-external-id/scim/" + external + "x")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_field"));

    List<Events.Event> adminEvents = Events.of(mine).await(3);
    assertEquals("admin", adminEvents.get(1).data().get("reason").asText());
    assertEquals("admin", adminEvents.get(2).data().get("reason").asText());
    List<Events.Event> directoryEvents = Events.of(theirs).await(3);
    assertEquals("directory", directoryEvents.get(1).data().get("reason").asText());
    assertEquals("directory", directoryEvents.get(2).data().get("reason").asText());
  }
}
