package io.lanyard.systemtest.erasure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Projections;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ADR 7's proof, on the running system: a person provisioned by SCIM, given a code, emailed and
 * logged in at a printer is deleted and erased; within 10 seconds no table of any service holds
 * anything of them, and after every projection is rebuilt and every topic republished, no topic
 * (dead letters included), no table and no log line holds their email, name or username, in any
 * case. The others still log in, and every rebuilt model equals the live one.
 */
@ExtendWith(SystemExtension.class)
class ErasureProofTest {

  /** In the person's email, display name and username alike, and nowhere else in the run. */
  private static final String PERSON = "quorra";

  private static final String MAIL_DOMAIN = "@proof.example";
  private static final List<String> KEPT = List.of("amy.kept", "bob.kept", "cy.kept");

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Tenant.ScimEndpoint scim;
  private static Device device;
  private static Projections projections;
  private static String erasedId;

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    projections = new Projections(system);
    tenant = system.createTenant("proof");
    scim = tenant.issueScimToken();
    device = tenant.registerDevice("Proof MFD");
    erasedId =
        scim.createUser("zed.quorra" + MAIL_DOMAIN, "Zed QUORRA", "PRF900")
            .expect(201)
            .json()
            .get("id")
            .asText();
    for (int i = 0; i < KEPT.size(); i++) {
      scim.createUser(KEPT.get(i) + MAIL_DOMAIN, "Kept " + i, code(i)).expect(201);
    }
    system.mailbox().await("zed.quorra" + MAIL_DOMAIN, 1, Duration.ofSeconds(30));
    assertEquals(
        "Zed QUORRA", device.awaitCodeLogin("PRF900", 200).json().get("displayName").asText());
    for (int i = 0; i < KEPT.size(); i++) {
      system.mailbox().await(KEPT.get(i) + MAIL_DOMAIN, 1, Duration.ofSeconds(30));
      device.awaitCodeLogin(code(i), 200);
    }
  }

  private static String code(int user) {
    return "PRF%03d".formatted(user);
  }

  @Test
  void anErasedPersonIsNowhereAfterRebuildsAndRepublishingAndTheOthersAreIntact() {
    // The scans find the person while they are there: so finding nothing later means something.
    List<String> before = tablesHoldingThePerson();
    assertTrue(
        before.stream().anyMatch(table -> table.startsWith("IDENTITY"))
            && before.stream().anyMatch(table -> table.startsWith("NOTIFICATION"))
            && before.stream().anyMatch(table -> table.startsWith("DIRECTORY_SYNC")),
        "the person in identity's, notification's and directory-sync's tables: " + before);
    assertTrue(
        recordsHolding(tenant.id().toLowerCase(Locale.ROOT)).size() > 10, "the tenant's records");
    Api.send("DELETE", scim.tenantUrl() + "/Users/" + erasedId, scim.secretToken(), null, null)
        .expect(204);
    JsonNode erasure =
        tenant
            .admin(Service.IDENTITY, "POST", "/admin/v1/users/" + erasedId + "/erasure", null)
            .expect(202)
            .json();
    assertEquals("erased", erasure.get("status").asText());

    // Within 10 seconds every service has removed the person from its tables.
    await("the person gone from every table")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> tablesHoldingThePerson().isEmpty());

    rebuildEveryProjectionAndRepublishEveryTopic();

    assertEquals(List.of(), tablesHoldingThePerson(), "tables");
    assertEquals(List.of(), recordsHoldingThePerson(), "topics");
    assertEquals(List.of(), logLinesHoldingThePerson(), "logs");

    // The tenant's archive for its exit: the others in full, credential-service's part (the
    // codes' sources and history, no code), and nothing of the erased person.
    String archive =
        Api.send(
                "POST",
                system.service(Service.IDENTITY).url("/ops/v1/tenants/" + tenant.id() + "/export"),
                system.oidc().operator(),
                null,
                null)
            .expect(200)
            .body();
    for (String kept : KEPT) {
      assertTrue(archive.contains("\"email\":\"" + kept + MAIL_DOMAIN + "\""), kept);
    }
    assertTrue(archive.contains("\"record\":\"credentials\""), archive);
    assertTrue(archive.contains("\"record\":\"credential_event\""), archive);
    assertFalse(archive.toLowerCase(Locale.ROOT).contains(PERSON), archive);
    for (int i = 0; i < KEPT.size(); i++) {
      assertFalse(archive.contains(code(i)), "a code in the archive");
    }

    device.loginByCode("PRF900").expect(401);
    for (int i = 0; i < KEPT.size(); i++) {
      assertEquals(
          "Kept " + i, device.loginByCode(code(i)).expect(200).json().get("displayName").asText());
      JsonNode found =
          tenant
              .admin(Service.IDENTITY, "GET", "/admin/v1/users?q=" + KEPT.get(i), null)
              .expect(200)
              .json();
      assertEquals(1, found.get("total").asInt(), found.toString());
    }
  }

  /**
   * Every projection rebuilt (its checksum equal to the live one) and every topic republished from
   * position 0, the projections settling where they were.
   */
  private static void rebuildEveryProjectionAndRepublishEveryTopic() {
    Map<String, String> live = projections.awaitSettledChecksums(Duration.ofSeconds(30));
    for (String projection : live.keySet()) {
      projections.askRebuild(projection);
      JsonNode done =
          projections.awaitRebuildFinished(
              projection, Duration.ofSeconds(60), Duration.ofMillis(200));
      assertEquals("DONE", done.get("state").asText(), done.toString());
      assertEquals(
          done.get("liveChecksum").asText(), done.get("rebuiltChecksum").asText(), projection);
    }
    for (Service service : Service.values()) {
      String topic = system.topic(service.domain());
      int records = TestTopics.readToEnd(topic).size();
      ops(service, "/ops/v1/events/republish", "{\"fromPosition\":0}").expect(202);
      await(topic + " republished")
          .atMost(Duration.ofSeconds(60))
          .until(() -> TestTopics.readToEnd(topic).size() > records);
    }
    assertEquals(live, projections.awaitSettledChecksums(Duration.ofSeconds(60)));
  }

  /** In the leaving tenant's people's emails and names, and nowhere else in the run. */
  private static final String LEAVING = "xanadu";

  /**
   * The same for a whole tenant's exit: its people provisioned by SCIM, emailed and logged in at
   * its printer; the operator takes its archive, suspends and erases it; within 10 seconds no table
   * of any service holds anything of it but the event stores' sealed history and identity's record
   * that it was erased (its key rows without keys); after every rebuild and republication no table,
   * topic or log holds its people; its printer, SCIM token and admins are refused; the neighbour
   * tenant logs in as before.
   */
  @Test
  void anErasedTenantIsNowhereButItsSealedHistoryAndItsNeighbourIsIntact() {
    Tenant leaving = system.createTenant("exit");
    Tenant.ScimEndpoint leavingScim = leaving.issueScimToken();
    Device printer = leaving.registerDevice("Exit MFD");
    for (int i = 0; i < 3; i++) {
      leavingScim
          .createUser(LEAVING + i + MAIL_DOMAIN, "Xanadu Person " + i, "XAN00" + i)
          .expect(201);
    }
    for (int i = 0; i < 3; i++) {
      system.mailbox().await(LEAVING + i + MAIL_DOMAIN, 1, Duration.ofSeconds(30));
      printer.awaitCodeLogin("XAN00" + i, 200);
    }
    String id = leaving.id();
    assertFalse(tablesHolding(LEAVING).isEmpty(), "the people are there to be found");
    assertFalse(tablesHoldingTheTenantBeyondItsHistory(id).isEmpty(), "so is the tenant");
    String archive =
        ops(Service.IDENTITY, "/ops/v1/tenants/" + id + "/export", null).expect(200).body();
    assertTrue(
        archive.contains(LEAVING + "0" + MAIL_DOMAIN), "the exit's archive holds its people");

    ops(Service.IDENTITY, "/ops/v1/tenants/" + id + "/erasure", null).expect(409);
    ops(Service.IDENTITY, "/ops/v1/tenants/" + id + "/suspend", null).expect(200);
    assertEquals(
        "erased",
        ops(Service.IDENTITY, "/ops/v1/tenants/" + id + "/erasure", null)
            .expect(202)
            .json()
            .get("status")
            .asText());

    await("the tenant gone from every table but its history")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                tablesHolding(LEAVING).isEmpty()
                    && tablesHoldingTheTenantBeyondItsHistory(id).isEmpty());

    rebuildEveryProjectionAndRepublishEveryTopic();

    assertEquals(List.of(), tablesHolding(LEAVING), "tables");
    assertEquals(List.of(), tablesHoldingTheTenantBeyondItsHistory(id), "tables, by tenant");
    assertEquals(List.of(), recordsHolding(LEAVING), "topics");
    assertEquals(List.of(), logLinesHolding(LEAVING), "logs");

    printer.loginByCode("XAN000").expect(401);
    leavingScim.createUser("late" + MAIL_DOMAIN, "Late Comer", "XAN009").expect(401);
    leaving.admin(Service.CREDENTIAL, "GET", "/admin/v1/credential-policy", null).expect(403);
    for (int i = 0; i < KEPT.size(); i++) {
      device.loginByCode(code(i)).expect(200);
    }
  }

  /**
   * Tables holding the tenant's id other than what is allowed to keep it: the event stores (its
   * sealed and hashed history, the consumers' positions in its streams, the fact of its erasure)
   * and identity's record of the tenant and of its destroyed keys.
   */
  private static List<String> tablesHoldingTheTenantBeyondItsHistory(String tenantId) {
    List<String> allowed =
        List.of(
            "IDENTITY \"public\".\"tenants\"",
            "IDENTITY \"public\".\"tenant_keys\"",
            "IDENTITY \"public\".\"user_data_keys\"");
    return tablesHolding(tenantId).stream()
        .filter(table -> !table.contains("\"event_store\"."))
        .filter(table -> !allowed.contains(table))
        .toList();
  }

  private static List<String> tablesHoldingThePerson() {
    return tablesHolding(PERSON);
  }

  private static List<String> tablesHolding(String needle) {
    List<String> holding = new ArrayList<>();
    for (Service service : Service.values()) {
      system.tablesHolding(service, needle).forEach(table -> holding.add(service + " " + table));
    }
    return holding;
  }

  private static List<String> recordsHoldingThePerson() {
    return recordsHolding(PERSON);
  }

  /** As bytes, in any case: values and headers of every record of every topic of the run. */
  private static List<String> recordsHolding(String needle) {
    List<String> holding = new ArrayList<>();
    for (String topic : system.everyTopic()) {
      List<ConsumerRecord<String, byte[]>> records = TestTopics.readToEnd(topic);
      assertTrue(topic.endsWith(".dlq") || topic.contains(".dlq.") || !records.isEmpty(), topic);
      for (ConsumerRecord<String, byte[]> record : records) {
        StringBuilder text = new StringBuilder(String.valueOf(record.key()));
        text.append(lowerCase(record.value()));
        for (Header header : record.headers()) {
          text.append(header.key()).append(lowerCase(header.value()));
        }
        if (text.toString().toLowerCase(Locale.ROOT).contains(needle)) {
          holding.add(topic + "-" + record.partition() + "@" + record.offset());
        }
      }
    }
    return holding;
  }

  private static List<String> logLinesHoldingThePerson() {
    return logLinesHolding(PERSON);
  }

  private static List<String> logLinesHolding(String needle) {
    try (Stream<Path> files = Files.walk(system.logs())) {
      List<String> holding = new ArrayList<>();
      List<Path> logs = files.filter(Files::isRegularFile).toList();
      assertTrue(
          logs.stream()
              .map(Path::getFileName)
              .map(Path::toString)
              .toList()
              .containsAll(
                  List.of(
                      "identity-service.log",
                      "credential-service.log",
                      "directory-sync-service.log",
                      "notification-service.log",
                      "device-gateway.log")),
          "every service's log: " + logs);
      for (Path file : logs) {
        List<String> lines =
            Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        lines.forEach(line -> holding.add(file.getFileName() + ": " + line));
      }
      return holding;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lowerCase(byte[] bytes) {
    return bytes == null
        ? ""
        : new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  private static Api.Answer ops(Service service, String path, String json) {
    return Api.send(
        "POST",
        system.service(service).url(path),
        system.oidc().operator(),
        "application/json",
        json);
  }
}
