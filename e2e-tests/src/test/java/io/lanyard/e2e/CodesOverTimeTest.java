package io.lanyard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.e2e.CodeChanges.Codes;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Pause;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Codes over time (ADR 6) across the five packaged services: a guest's code and card stop at the
 * second the window ends, from the gateway's own clock, and the suspension and the expiry's fact
 * follow; a code's expiry, and its removal; a CSV import through identity-service (per line, and
 * all or nothing); a regeneration job with its emails; the CSV export; and both kinds of job
 * resumed after their service was killed with SIGKILL, nobody done twice.
 *
 * <p>The services run with their {@code test} profile: both schedulers pass every second, an
 * import's chunk is 4 lines, a credential job's 50 users.
 */
@ExtendWith({SystemExtension.class, Summary.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CodesOverTimeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAIL = Duration.ofSeconds(30);
  private static final Duration RESTART = Duration.ofMinutes(2);
  private static final Duration JOB = Duration.ofMinutes(2);
  private static final String DOMAIN = "@codes.example";

  /** How invitations write an instant (notification-service's {@code MailDates}, English). */
  private static final DateTimeFormatter MAIL_DATE =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** Lines of the crash tests' import, users of their regeneration job. */
  private static final int BULK = 2_000;

  /** identity's creation of a user, the person sealed (ADR 7). */
  private static final String USER_CREATED = "io.lanyard.identity.UserCreated.v2";

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Mailbox mailbox;

  /** The crash tests' tenant: no invitations, as benchmarks' tenants. */
  private static Tenant bulk;

  private static final Codes codes = new Codes();

  /** What the per-line import created, in line order (section 3), used by the job and export. */
  private static final List<Imported> imported = new ArrayList<>();

  /** An imported user: the code and card their line gave (null: none), the code they have now. */
  static final class Imported {
    final String username;
    final String email;
    final String codeGiven;
    final String card;
    String id;
    String code;

    Imported(String username, String email, String codeGiven, String card) {
      this.username = username;
      this.email = email;
      this.codeGiven = codeGiven;
      this.card = card;
    }
  }

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    mailbox = system.mailbox();
    tenant = system.createTenant("codes");
  }

  @Test
  @Order(1)
  void aGuestsCodeAndCardStopAtTheEndOfTheWindowAndTheSuspensionFollows() {
    Device device = tenant.registerDevice("Guest desk MFD");
    String email = "grace" + DOMAIN;
    Instant validFrom = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    Instant validUntil = Instant.now().plusSeconds(16).truncatedTo(ChronoUnit.MILLIS);
    String guest =
        tenant
            .admin(
                Service.IDENTITY,
                "POST",
                "/admin/v1/users",
                """
                {"username":"grace","displayName":"Grace Guest","email":"%s","kind":"guest",
                 "validFrom":"%s","validUntil":"%s"}"""
                    .formatted(email, validFrom, validUntil))
            .expect(201)
            .json()
            .get("id")
            .asText();

    Mailbox.Mail invitation = mailbox.await(email, 1, MAIL).get(0);
    String code = codeOf(invitation);
    assertTrue(
        invitation.text().contains("until " + MAIL_DATE.format(validUntil)),
        "the invitation states the window's end: " + invitation.text());
    assertTrue(
        invitation.text().contains("from " + MAIL_DATE.format(validFrom)),
        "the invitation states the window's start");
    assertEquals(200, device.awaitCodeLogin(code, 200).status(), "inside the window");

    String card = "00C0FFEE42";
    retryWhileUnknown(
            () ->
                tenant.admin(
                    Service.CREDENTIAL,
                    "POST",
                    "/admin/v1/credentials/" + guest + "/cards",
                    "{\"cardNumber\":\"" + card + "\"}"))
        .expect(201);
    assertEquals(200, device.awaitCardLogin(card, 200).status(), "the guest's card in the window");
    assertTrue(
        Instant.now().isBefore(validUntil.minusSeconds(2)),
        "set up too slowly to watch the boundary: make the window longer");

    // Nobody but the device calls anything from here: the gateway decides from its own clock.
    Crossing crossing = crossing(device, code, validUntil);
    assertEquals("code_expired", crossing.error(), "the first refusal after validUntil");
    long refusedAfter = Duration.between(validUntil, crossing.received()).toMillis();
    assertTrue(refusedAfter <= 1_000, "code_expired " + refusedAfter + " ms after validUntil");
    Api.Answer cardLogin = device.loginByCard(card);
    assertEquals(401, cardLogin.status(), cardLogin.body());
    assertEquals("user_inactive", cardLogin.json().get("error").asText());

    long suspendedAfter =
        millisUntil(
            validUntil,
            () ->
                "suspended"
                    .equals(
                        tenant
                            .admin(Service.IDENTITY, "GET", "/admin/v1/users/" + guest, null)
                            .expect(200)
                            .json()
                            .get("status")
                            .asText()));
    long expiryRecordedAfter =
        millisUntil(
            validUntil,
            () ->
                events(guest).stream()
                    .anyMatch(
                        entry ->
                            "access_code_expired".equals(entry.get("event").asText())
                                && validUntil.equals(
                                    Instant.parse(entry.get("expiredAt").asText()))));
    JsonNode credentials =
        tenant
            .admin(Service.CREDENTIAL, "GET", "/admin/v1/credentials/" + guest, null)
            .expect(200)
            .json();
    assertTrue(credentials.get("codeExpired").asBoolean(), credentials.toString());
    assertEquals(validUntil, Instant.parse(credentials.get("codeExpiresAt").asText()));
    long identityEventsAfter = firstSuspensionPublished(guest) - validUntil.toEpochMilli();
    // Both within a few passes of 1 s (the schedulers' test pace), not at the boundary itself.
    assertTrue(suspendedAfter <= 5_000, "suspended " + suspendedAfter + " ms after validUntil");
    assertTrue(expiryRecordedAfter <= 5_000, "expiry recorded " + expiryRecordedAfter + " ms");

    // Once the gateway has the suspension too, the code still says why it stopped.
    awaitGatewayCaughtUp();
    Api.Answer afterSuspension = device.loginByCode(code);
    assertEquals(401, afterSuspension.status(), afterSuspension.body());
    assertEquals("code_expired", afterSuspension.json().get("error").asText());
    assertEquals("user_inactive", device.loginByCard(card).json().get("error").asText());

    Summary.emailsChecked(1);
    Summary.line(
        ("a guest's code refused (code_expired) %d ms after validUntil from the gateway's clock"
                + " (the suspension published %d ms after it); card user_inactive; suspended after"
                + " %d ms, AccessCodeExpired recorded after %d ms")
            .formatted(refusedAfter, identityEventsAfter, suspendedAfter, expiryRecordedAfter));
  }

  @Test
  @Order(2)
  void aCodesExpiryStopsItAtTheDeviceUnlessClearedBeforeIt() {
    Device device = tenant.registerDevice("Expiry MFD");
    String expiring = person("erin");
    String cleared = person("clara");
    String expiringCode = setCode(expiring);
    String clearedCode = setCode(cleared);
    Instant expiresAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    for (String user : List.of(expiring, cleared)) {
      JsonNode answer =
          tenant
              .admin(
                  Service.CREDENTIAL,
                  "PUT",
                  "/admin/v1/credentials/" + user + "/access-code",
                  "{\"expiresAt\":\"" + expiresAt + "\"}")
              .expect(200)
              .json();
      assertEquals(expiresAt, Instant.parse(answer.get("codeExpiresAt").asText()));
      assertFalse(answer.get("codeExpired").asBoolean());
    }
    JsonNode clearedAnswer =
        tenant
            .admin(
                Service.CREDENTIAL,
                "PUT",
                "/admin/v1/credentials/" + cleared + "/access-code",
                "{\"expiresAt\":null}")
            .expect(200)
            .json();
    assertFalse(clearedAnswer.has("codeExpiresAt"), clearedAnswer.toString());
    assertEquals(200, device.awaitCodeLogin(expiringCode, 200).status(), "before its expiry");

    Crossing crossing = crossing(device, expiringCode, expiresAt);
    assertEquals("code_expired", crossing.error());
    long refusedAfter = Duration.between(expiresAt, crossing.received()).toMillis();
    assertTrue(refusedAfter <= 1_000, "code_expired " + refusedAfter + " ms after expiresAt");
    Api.Answer stillWorks = device.loginByCode(clearedCode);
    assertEquals(200, stillWorks.status(), "the code whose expiry was cleared: " + stillWorks);
    assertTrue(
        tenant
            .admin(Service.CREDENTIAL, "GET", "/admin/v1/credentials/" + expiring, null)
            .expect(200)
            .json()
            .get("codeExpired")
            .asBoolean());
    Summary.line(
        "a code with expiresAt refused %d ms after it; one whose expiry was cleared still works"
            .formatted(refusedAfter));
  }

  @Test
  @Order(3)
  void aCsvImportCreatesItsGoodLinesWithTheirCodesAndCardsAndAllOrNothingWritesNothing() {
    StringBuilder csv =
        new StringBuilder("username,displayName,email,orgUnit,accessCode,cardNumber\n");
    Map<Integer, String> badLines = new LinkedHashMap<>();
    int line = 1;
    for (int i = 1; i <= 20; i++) {
      String username = "imp-%02d".formatted(i);
      // Every kind of line: a code, a card, both, neither.
      String code = i % 4 == 0 || i % 4 == 3 ? codes.next() : null;
      String card = i % 4 == 1 || i % 4 == 3 ? "000700%04d".formatted(i) : null;
      Imported user = new Imported(username, username + DOMAIN, code, card);
      imported.add(user);
      csv.append(csvLine(user));
      line++;
      if (i == 7) {
        csv.append("imp-bad-email,Bad Email,not-an-address,/Imported,,\n");
        badLines.put(++line, "invalid_email");
      } else if (i == 15) {
        csv.append("IMP-03,Same Name,imp-dup" + DOMAIN + ",/Imported,,\n");
        badLines.put(++line, "duplicate_username");
      }
    }
    JsonNode job = awaitImport(postImport(tenant, "per_line", csv.toString()));
    assertEquals("completed", job.get("status").asText(), job.toString());
    assertEquals(22, job.get("total").asInt());
    assertEquals(20, job.get("done").asInt());
    assertEquals(2, job.get("failed").asInt());
    Map<Integer, JsonNode> results = new HashMap<>();
    job.get("results")
        .get("items")
        .forEach(result -> results.put(result.get("line").asInt(), result));
    badLines.forEach(
        (badLine, reason) -> {
          assertEquals("refused", results.get(badLine).get("outcome").asText());
          assertEquals(reason, results.get(badLine).get("reason").asText());
        });
    int next = 2;
    for (Imported user : imported) {
      while (badLines.containsKey(next)) {
        next++;
      }
      JsonNode result = results.get(next++);
      assertEquals("created", result.get("outcome").asText(), user.username + ": " + result);
      user.id = result.get("userId").asText();
    }

    Device device = tenant.registerDevice("Import MFD");
    for (Imported user : imported) {
      String invited = codeOf(mailbox.await(user.email, 1, MAIL).get(0));
      if (user.codeGiven != null) {
        assertEquals(
            user.codeGiven, invited, user.username + ": the invitation has the CSV's code");
      }
      user.code = invited;
      Api.Answer login = device.awaitCodeLogin(user.code, 200);
      assertEquals(200, login.status(), user.username + ": " + login.body());
      assertEquals(user.username, login.json().get("username").asText());
      if (user.card != null) {
        Api.Answer byCard = device.awaitCardLogin(user.card, 200);
        assertEquals(200, byCard.status(), user.username + "'s card: " + byCard.body());
        assertEquals(user.username, byCard.json().get("username").asText());
      }
    }

    String allOrNothing =
        "username,displayName,email\n"
            + "aon-1,All Or Nothing 1,aon-1"
            + DOMAIN
            + "\n"
            + "aon-2,All Or Nothing 2,not an address\n"
            + "aon-3,All Or Nothing 3,aon-3"
            + DOMAIN
            + "\n";
    JsonNode refused = awaitImport(postImport(tenant, "all_or_nothing", allOrNothing));
    assertEquals("failed", refused.get("status").asText(), refused.toString());
    assertEquals(0, refused.get("done").asInt(), refused.toString());
    JsonNode named = refused.get("results").get("items");
    assertTrue(
        named.size() >= 1 && named.get(0).get("line").asInt() == 3, "names line 3: " + named);
    assertEquals(
        0,
        tenant
            .admin(Service.IDENTITY, "GET", "/admin/v1/users?q=aon-", null)
            .expect(200)
            .json()
            .get("total")
            .asInt(),
        "a user of the all-or-nothing file exists");
    // All good, with codes: credential-service checks the codes before the users exist.
    String allGood =
        "username,displayName,email,accessCode\n"
            + "aog-1,All Good 1,aog-1"
            + DOMAIN
            + ",K7QX4A\n"
            + "aog-2,All Good 2,aog-2"
            + DOMAIN
            + ",K7QX4B\n";
    JsonNode good = awaitImport(postImport(tenant, "all_or_nothing", allGood));
    assertEquals("completed", good.get("status").asText(), good.toString());
    assertEquals(2, good.get("done").asInt(), good.toString());
    assertEquals(0, good.get("failed").asInt(), good.toString());
    for (String code : List.of("K7QX4A", "K7QX4B")) {
      assertEquals(200, device.awaitCodeLogin(code, 200).status(), code + " at the device");
    }
    Summary.emailsChecked(imported.size());
    Summary.line(
        "a per-line CSV import of 22 lines: 20 users with their codes and cards at the device, 2"
            + " lines refused; an all-or-nothing file with a bad line wrote nothing");
  }

  @Test
  @Order(4)
  void aRegenerationJobGivesEachUserOneNewCodeAndOneEmail() {
    assertFalse(imported.isEmpty(), "the import ran");
    JsonNode queued =
        tenant
            .admin(
                Service.CREDENTIAL,
                "POST",
                "/admin/v1/credential-jobs",
                "{\"kind\":\"regenerate_codes\",\"notify\":true,\"orgUnit\":\"/Imported\"}")
            .expect(202)
            .json();
    assertEquals(imported.size(), queued.get("total").asInt(), queued.toString());
    JsonNode job = awaitCredentialJob(tenant, queued.get("id").asText());
    assertEquals("completed", job.get("status").asText(), job.toString());
    assertEquals(imported.size(), job.get("done").asInt());
    assertEquals(0, job.get("failed").asInt());

    // Two devices, each far below a device's hourly budget of 20 failures.
    List<Device> devices =
        List.of(
            tenant.registerDevice("Regeneration MFD 1"),
            tenant.registerDevice("Regeneration MFD 2"));
    int index = 0;
    for (Imported user : imported) {
      Device device = devices.get(index++ % 2);
      String renewed = codeOf(mailbox.await(user.email, 2, MAIL).get(1));
      assertNotEquals(user.code, renewed, user.username);
      assertEquals(200, device.awaitCodeLogin(renewed, 200).status(), user.username + ": new");
      Api.Answer old = device.loginByCode(user.code);
      assertEquals(401, old.status(), user.username + "'s old code: " + old.body());
      user.code = renewed;
    }
    Quiet.await(system);
    for (Imported user : imported) {
      assertEquals(2, mailbox.to(user.email).size(), user.username + ": one email for the job");
    }
    Summary.emailsChecked(imported.size());
    Summary.changesChecked(imported.size());
    Summary.line(
        "a regeneration job over /Imported: %d users, each old code refused, the emailed one works,"
                .formatted(imported.size())
            + " one email each");
  }

  @Test
  @Order(5)
  void theExportListsTheUsersWithCardsMaskedUnlessAskedInFull() {
    Imported withCard =
        imported.stream().filter(user -> user.card != null).findFirst().orElseThrow();
    Imported withoutCard =
        imported.stream().filter(user -> user.card == null).findFirst().orElseThrow();
    int historyBefore = events(withCard.id).size();

    Api.Answer masked = export("");
    assertEquals(200, masked.status(), masked.body());
    assertTrue(masked.header("Content-Type").startsWith("text/csv"), masked.header("Content-Type"));
    Map<String, List<String>> rows = rows(masked.body());
    for (Imported user : imported) {
      List<String> row = rows.get(user.username);
      assertNotNull(row, user.username + " is not in the export");
      assertEquals(user.email, row.get(2));
      String cards = row.get(7);
      if (user.card == null) {
        assertEquals("", cards, user.username);
      } else {
        assertFalse(cards.contains(user.card), user.username + ": a card in clear");
        assertTrue(
            cards.contains("•") && cards.endsWith(user.card.substring(user.card.length() - 4)),
            user.username + ": " + cards);
      }
    }
    assertEquals(historyBefore, events(withCard.id).size(), "a masked export is not recorded");

    Api.Answer full = export("?cardNumbers=full");
    assertEquals(200, full.status(), full.body());
    assertEquals(withCard.card, rows(full.body()).get(withCard.username).get(7));
    List<JsonNode> history = events(withCard.id);
    JsonNode last = history.get(history.size() - 1);
    assertEquals("card_numbers_exported", last.get("event").asText(), history.toString());
    assertTrue(
        events(withoutCard.id).stream()
            .noneMatch(entry -> "card_numbers_exported".equals(entry.get("event").asText())),
        "recorded for a user without cards");
    Summary.line(
        "the CSV export lists the %d imported users, cards masked; in full, recorded in the history"
            .formatted(imported.size()));
  }

  @Test
  @Order(6)
  void anImportResumedAfterIdentityServiceWasKilledCreatesEachLineOnce() {
    bulk = tenantWithoutInvitations("codes-bulk");
    StringBuilder csv = new StringBuilder("username,displayName,email,orgUnit\n");
    for (int i = 0; i < BULK; i++) {
      csv.append("bulk-%04d,Bulk %04d,bulk-%04d@bulk.example,/Bulk\n".formatted(i, i, i));
    }
    ServiceProcess identity = system.service(Service.IDENTITY);
    String id = postImport(bulk, "per_line", csv.toString());
    long started = System.nanoTime();
    int killedAt =
        killWhen(
            identity,
            () -> fetch(identity, bulk, "/admin/v1/user-imports/" + id + "?size=1"),
            BULK);
    identity.restart(RESTART);
    JsonNode job = awaitImport(bulk, id);
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals("completed", job.get("status").asText(), job.toString());
    assertEquals(BULK, job.get("done").asInt(), job.toString());
    assertEquals(0, job.get("failed").asInt(), job.toString());

    // The person is sealed (ADR 7): each user is their id, each creation its event's id.
    Map<String, Set<String>> created = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(system.topic("identity"))) {
      if (bulk.id().equals(header(record, "ce_tenantid"))
          && USER_CREATED.equals(header(record, "ce_type"))) {
        // A republished record repeats its event's id: only another event counts twice.
        created.computeIfAbsent(record.key(), key -> new HashSet<>()).add(header(record, "ce_id"));
      }
    }
    assertEquals(BULK, created.size(), "users created from the file");
    created.forEach((user, events) -> assertEquals(1, events.size(), user + " created twice"));
    // Usernames are unique in a tenant: as many users listed as lines means none was skipped.
    assertEquals(
        BULK,
        bulk.admin(Service.IDENTITY, "GET", "/admin/v1/users?q=bulk-&size=1", null)
            .expect(200)
            .json()
            .get("total")
            .asInt());
    Summary.line(
        "a %d-line import, identity-service killed (SIGKILL) at %d lines, restarted: completed in %d ms, each user once"
            .formatted(BULK, killedAt, took));
  }

  @Test
  @Order(7)
  void aRegenerationJobResumedAfterCredentialServiceWasKilledRegeneratesEachUserOnce() {
    assertNotNull(bulk, "the import ran");
    // Every imported user has their first code before the job chooses them.
    Quiet.await(system);
    await(
        "credential-service read every user", () -> Quiet.behind(system, Service.CREDENTIAL) == 0);
    ServiceProcess credential = system.service(Service.CREDENTIAL);
    JsonNode queued =
        bulk.admin(
                Service.CREDENTIAL,
                "POST",
                "/admin/v1/credential-jobs",
                "{\"kind\":\"regenerate_codes\",\"notify\":false,\"orgUnit\":\"/Bulk\"}")
            .expect(202)
            .json();
    assertEquals(BULK, queued.get("total").asInt(), queued.toString());
    String id = queued.get("id").asText();
    long started = System.nanoTime();
    int killedAt =
        killWhen(
            credential,
            () -> fetch(credential, bulk, "/admin/v1/credential-jobs/" + id + "?size=1"),
            BULK);
    credential.restart(RESTART);
    JsonNode job = awaitCredentialJob(bulk, id);
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals("completed", job.get("status").asText(), job.toString());
    assertEquals(BULK, job.get("done").asInt(), job.toString());
    assertEquals(0, job.get("failed").asInt(), job.toString());

    await(
        "credential-service published everything",
        () ->
            system.queryNumber(Service.CREDENTIAL, "SELECT count(*) FROM event_store.outbox") == 0);
    Set<String> users = new HashSet<>();
    Map<String, Set<String>> regenerations = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(system.topic("identity"))) {
      if (bulk.id().equals(header(record, "ce_tenantid"))
          && USER_CREATED.equals(header(record, "ce_type"))) {
        users.add(record.key());
      }
    }
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(system.topic("credential"))) {
      if (bulk.id().equals(header(record, "ce_tenantid"))
          && "io.lanyard.credential.AccessCodeChanged.v1".equals(header(record, "ce_type"))
          && "regeneration_job".equals(json(record.value()).path("cause").asText())) {
        regenerations
            .computeIfAbsent(record.key(), key -> new HashSet<>())
            .add(header(record, "ce_id"));
      }
    }
    assertEquals(BULK, users.size());
    assertEquals(users, regenerations.keySet(), "every user of the job regenerated");
    regenerations.forEach(
        (user, events) -> assertEquals(1, events.size(), user + " regenerated twice"));
    Summary.line(
        "a regeneration job over %d users, credential-service killed (SIGKILL) at %d done, restarted: completed in %d ms, each user once"
            .formatted(BULK, killedAt, took));
  }

  // --- the boundary

  /** The first refusal of a code once it was due, and when its request was sent and answered. */
  private record Crossing(Instant sent, Instant received, String error) {}

  /**
   * Logs in with {@code code} from a second before {@code deadline} until the device refuses it:
   * every request sent at or after the deadline must be refused, none answered before it may be.
   */
  private static Crossing crossing(Device device, String code, Instant deadline) {
    Duration early = Duration.between(Instant.now(), deadline.minusSeconds(1));
    if (!early.isNegative()) {
      Pause.of(early);
    }
    Instant giveUp = deadline.plusSeconds(5);
    while (true) {
      Instant sent = Instant.now();
      Api.Answer answer = device.loginByCode(code);
      Instant received = Instant.now();
      if (answer.status() == 200) {
        assertTrue(sent.isBefore(deadline), "accepted at " + sent + ", due at " + deadline);
      } else {
        assertEquals(401, answer.status(), answer.body());
        assertFalse(received.isBefore(deadline), "refused before " + deadline + ": " + answer);
        return new Crossing(sent, received, answer.json().get("error").asText());
      }
      assertTrue(Instant.now().isBefore(giveUp), "still accepted 5 s after " + deadline);
    }
  }

  /** Polls every 100 ms until {@code done}; answers how long after {@code since} it held. */
  private static long millisUntil(Instant since, Supplier<Boolean> done) {
    await("after " + since, done);
    return Duration.between(since, Instant.now()).toMillis();
  }

  /** When identity's first {@code UserSuspended} of the user was sent (epoch millis). */
  private static long firstSuspensionPublished(String userId) {
    return TestTopics.readToEnd(system.topic("identity")).stream()
        .filter(record -> userId.equals(record.key()))
        .filter(record -> "io.lanyard.identity.UserSuspended.v1".equals(header(record, "ce_type")))
        .mapToLong(ConsumerRecord::timestamp)
        .min()
        .orElseThrow(() -> new AssertionError("no UserSuspended for the guest"));
  }

  private static void awaitGatewayCaughtUp() {
    await("the gateway read every topic", () -> Quiet.behind(system, Service.DEVICE_GATEWAY) == 0);
  }

  // --- the crashes

  /**
   * Polls a job every 10 ms and kills {@code service} (SIGKILL) once it has done between 20 % and
   * 80 % of {@code total}; answers how many were done then.
   */
  private static int killWhen(ServiceProcess service, Supplier<JsonNode> job, int total) {
    long deadline = System.nanoTime() + JOB.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode now = job.get();
      int done = now.get("done").asInt() + now.get("failed").asInt();
      assertTrue(done <= total * 4 / 5, "past 80 % before the kill: " + now);
      if (done >= total / 5) {
        service.kill();
        return done;
      }
      Pause.of(Duration.ofMillis(10));
    }
    throw new AssertionError("the job never reached 20 %");
  }

  // --- users, codes, jobs

  private static String person(String name) {
    String id =
        tenant
            .admin(
                Service.IDENTITY,
                "POST",
                "/admin/v1/users",
                "{\"username\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s%s\"}"
                    .formatted(name, name, name, DOMAIN))
            .expect(201)
            .json()
            .get("id")
            .asText();
    mailbox.await(name + DOMAIN, 1, MAIL);
    return id;
  }

  /** Gives a user a code the test knows. */
  private static String setCode(String userId) {
    String code = codes.next();
    retryWhileUnknown(
            () ->
                tenant.admin(
                    Service.CREDENTIAL,
                    "PUT",
                    "/admin/v1/credentials/" + userId + "/access-code",
                    "{\"code\":\"" + code + "\"}"))
        .expect(200);
    return code;
  }

  private static String csvLine(Imported user) {
    return "%s,%s,%s,/Imported,%s,%s\n"
        .formatted(
            user.username,
            "Imported " + user.username.substring(4),
            user.email,
            user.codeGiven == null ? "" : user.codeGiven,
            user.card == null ? "" : user.card);
  }

  private static String postImport(Tenant at, String mode, String csv) {
    Api.Answer answer =
        Api.send(
            "POST",
            system.service(Service.IDENTITY).url("/admin/v1/user-imports?mode=" + mode),
            at.adminToken(),
            "text/csv",
            csv);
    answer.expect(202);
    assertEquals("user_import", answer.json().get("kind").asText());
    return answer.json().get("id").asText();
  }

  private static JsonNode awaitImport(String id) {
    return awaitImport(tenant, id);
  }

  private static JsonNode awaitImport(Tenant at, String id) {
    return awaitEnded(
        () ->
            fetch(
                system.service(Service.IDENTITY),
                at,
                "/admin/v1/user-imports/" + id + "?size=100"));
  }

  private static JsonNode awaitCredentialJob(Tenant at, String id) {
    return awaitEnded(
        () ->
            fetch(
                system.service(Service.CREDENTIAL),
                at,
                "/admin/v1/credential-jobs/" + id + "?size=100"));
  }

  private static JsonNode awaitEnded(Supplier<JsonNode> job) {
    Predicate<JsonNode> running =
        now -> Set.of("queued", "running").contains(now.get("status").asText());
    long deadline = System.nanoTime() + JOB.toNanos();
    JsonNode now = job.get();
    while (running.test(now)) {
      assertTrue(System.nanoTime() < deadline, "the job did not end: " + now);
      Pause.of(Duration.ofMillis(100));
      now = job.get();
    }
    return now;
  }

  private static JsonNode fetch(ServiceProcess at, Tenant tenant, String path) {
    return Api.send("GET", at.url(path), tenant.adminToken(), null, null).expect(200).json();
  }

  /** The user's credential history, oldest first. */
  private static List<JsonNode> events(String userId) {
    List<JsonNode> entries = new ArrayList<>();
    tenant
        .admin(Service.CREDENTIAL, "GET", "/admin/v1/credentials/" + userId + "/history", null)
        .expect(200)
        .json()
        .get("items")
        .forEach(entries::add);
    return entries;
  }

  private static Api.Answer export(String query) {
    return Api.send(
        "GET",
        system.service(Service.CREDENTIAL).url("/admin/v1/credentials/export" + query),
        tenant.adminToken(),
        null,
        null,
        Map.of("Accept", "text/csv"));
  }

  /** The export's lines by username (no cell of these users is quoted or holds a comma). */
  private static Map<String, List<String>> rows(String csv) {
    String[] lines = csv.split("\r\n");
    assertEquals(
        "username,displayName,email,status,origin,codeSource,codeExpiresAt,cards", lines[0]);
    Map<String, List<String>> rows = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      List<String> cells = List.of(lines[i].split(",", -1));
      rows.put(cells.get(0), cells);
    }
    return rows;
  }

  private static Tenant tenantWithoutInvitations(String id) {
    Tenant created = system.createTenant(id);
    Tenant.retryWhile(
            () ->
                created.admin(
                    Service.NOTIFICATION,
                    "PUT",
                    "/admin/v1/notifications/settings",
                    "{\"senderName\":\"Bulk\",\"invitationsEnabled\":false}"),
            answer -> answer.status() != 200,
            Duration.ofSeconds(30))
        .expect(200);
    return created;
  }

  /** credential-service learns of a user from identity's topic, a moment after its creation. */
  private static Api.Answer retryWhileUnknown(Supplier<Api.Answer> call) {
    return Tenant.retryWhile(call, answer -> answer.status() == 404, Duration.ofSeconds(15));
  }

  private static void await(String what, Supplier<Boolean> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.get()) {
      assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
      Pause.of(Duration.ofMillis(100));
    }
  }

  private static String codeOf(Mailbox.Mail mail) {
    return mail.code().orElseThrow(() -> new AssertionError("no code in " + mail));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
