package io.lanyard.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.lanyard.identity.GuestApiTest.newTenant;
import static io.lanyard.identity.IdentityApiTest.admin;
import static io.lanyard.identity.IdentityApiTest.createUser;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lanyard.identity.application.ImportRun;
import io.lanyard.identity.application.ImportWorker;
import io.lanyard.identity.client.CredentialHandOver;
import io.lanyard.testsupport.CapturedLogs;
import io.lanyard.testsupport.FakeServices;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV imports of users against the real database and topic, with credential-service faked: its
 * {@code batch-initial} answers every user done, but refuses the code {@code TAKEN9} ({@code
 * code_in_use}) and the card {@code CA4D00} ({@code card_in_use}), dry run or not, as the real one
 * would once they are some other user's. The worker does 4 lines a chunk in tests.
 */
@QuarkusTest
class UserImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BATCH = "/internal/v1/tenants/[^/]+/credentials/batch-initial";

  @Inject ImportWorker worker;
  // With the worker stopped, tests move one import on by hand (other tests' imports aside).
  @Inject ImportRun run;
  @Inject Pool pool;

  private final CapturedLogs logs = new CapturedLogs();
  private final List<String> logged = logs.lines();

  @BeforeEach
  void credentialServiceAnswers() {
    FakeServices.server().resetRequests();
    credentialServiceRefusesTakenCodesAndCards();
    java.util.logging.Logger.getLogger("").addHandler(logs);
  }

  @AfterEach
  void workerRunning() {
    java.util.logging.Logger.getLogger("").removeHandler(logs);
    credentialServiceRefusesTakenCodesAndCards();
    worker.start();
  }

  private static void credentialServiceRefusesTakenCodesAndCards() {
    FakeServices.server()
        .stubFor(
            post(urlPathMatching(BATCH))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"results\":[{{#each (jsonPath request.body '$.users') as |u|}}"
                                + "{\"userId\":\"{{u.userId}}\""
                                + "{{#eq u.code 'TAKEN9'}},\"error\":\"code_in_use\","
                                + "\"message\":\"the code is in use\"{{/eq}}"
                                + "{{#eq u.cardNumber 'CA4D00'}},\"error\":\"card_in_use\","
                                + "\"message\":\"the card is in use\"{{/eq}}"
                                // A space: "}}}" would end the tag above.
                                + " }{{#unless @last}},{{/unless}}{{/each}}]}")));
  }

  static Response upload(String tenant, String mode, String csv) {
    return admin(tenant)
        .contentType("text/csv")
        .body(csv.getBytes(StandardCharsets.UTF_8))
        .post("/admin/v1/user-imports?mode=" + mode);
  }

  static String queued(String tenant, String mode, String csv) {
    return upload(tenant, mode, csv)
        .then()
        .statusCode(202)
        .body("kind", equalTo("user_import"))
        .body("mode", equalTo(mode))
        .body("status", equalTo("queued"))
        .extract()
        .path("id");
  }

  static JsonPath job(String tenant, String id) {
    return admin(tenant)
        .get("/admin/v1/user-imports/" + id + "?size=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath ended(String tenant, String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> job(tenant, id),
            job -> List.of("completed", "failed", "cancelled").contains(job.getString("status")));
  }

  /** Each line's result as "line outcome reason", by line. */
  static Map<Integer, Map<String, Object>> results(JsonPath job) {
    Map<Integer, Map<String, Object>> byLine = new HashMap<>();
    List<Map<String, Object>> items = job.getList("results.items");
    for (Map<String, Object> item : items) {
      byLine.put((Integer) item.get("line"), item);
    }
    return byLine;
  }

  private static List<JsonNode> handedOver(String tenant, boolean dryRun) {
    List<JsonNode> bodies = new ArrayList<>();
    for (LoggedRequest request :
        FakeServices.server()
            .findAll(
                postRequestedFor(
                    urlPathMatching(
                        "/internal/v1/tenants/" + tenant + "/credentials/batch-initial")))) {
      try {
        JsonNode body = JSON.readTree(request.getBodyAsString());
        if (body.path("dryRun").asBoolean(false) == dryRun) {
          bodies.add(body);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return bodies;
  }

  private static Map<String, JsonNode> usersSent(List<JsonNode> bodies) {
    Map<String, JsonNode> byEmail = new HashMap<>();
    bodies.forEach(
        body -> body.path("users").forEach(u -> byEmail.put(u.path("email").asText(), u)));
    return byEmail;
  }

  private static int usersNamed(String tenant, String query) {
    return admin(tenant)
        .queryParam("q", query)
        .get("/admin/v1/users")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  @Test
  void perLineCreatesTheGoodLinesAndReportsTheBadWithReasonsButNoSecrets() {
    String tenant = newTenant("imp-");
    createUser(tenant, "taken-one");
    String csv =
        "username,displayName,email,accessCode,cardNumber,orgUnit\r\n"
            + "ada,Ada Lovelace,ada@imp.example,7KQ2MX,,/Staff\r\n" // 2
            + "bob,\"Builder, Bob \"\"the\"\"\",bob@imp.example,,,\r\n" // 3: no code, no card
            + "not valid,Spaces,nv@imp.example,,,\r\n" // 4
            + "ADA,Ada Again,ada2@imp.example,,,\r\n" // 5
            + "carl,Carl,ADA@imp.example,,,\r\n" // 6
            + "taken-one,Taken,t1@imp.example,,,\r\n" // 7
            + "dora,Dora,dora@imp.example,TAKEN9,,\r\n" // 8
            + "eve,Eve,eve@imp.example,,BEEF01,\r\n" // 9: a card only
            + "fay,Fay,fay@imp.example,,CA4D00,\r\n" // 10
            + "gus,Gus,,,,\r\n"; // 11
    String id = queued(tenant, "per_line", csv);

    JsonPath job = ended(tenant, id);
    assertEquals("completed", job.getString("status"));
    assertEquals(10, job.getInt("total"));
    Map<Integer, Map<String, Object>> results = results(job);
    assertEquals(10, results.size(), "a result for every line: " + results);
    assertEquals("created", results.get(2).get("outcome"));
    assertEquals("created", results.get(3).get("outcome"));
    assertEquals("invalid_username", results.get(4).get("reason"));
    assertEquals("duplicate_username", results.get(5).get("reason"));
    assertEquals("duplicate_email", results.get(6).get("reason"));
    assertEquals("username_taken", results.get(7).get("reason"));
    assertEquals("refused", results.get(8).get("outcome"));
    assertEquals("code_in_use; a code was generated", results.get(8).get("reason"));
    assertNotNull(results.get(8).get("userId"), "the user exists, with a generated code");
    assertEquals("created", results.get(9).get("outcome"));
    assertEquals("card_in_use; a code was generated", results.get(10).get("reason"));
    assertEquals("invalid_email", results.get(11).get("reason"));
    assertEquals(3, job.getInt("done"), "ada, bob, eve");
    assertEquals(7, job.getInt("failed"));

    // Ordinary users, and a name with a quoted comma and quotes kept as written.
    admin(tenant)
        .get("/admin/v1/users/" + results.get(3).get("userId"))
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Builder, Bob \"the\""))
        .body("origin", equalTo("manual"))
        .body("kind", equalTo("person"));
    admin(tenant)
        .get("/admin/v1/users/" + results.get(2).get("userId"))
        .then()
        .body("orgUnit", equalTo("/Staff"));

    // On the topic: UserCreated, with firstCodeFollows only where the line gave a code or card.
    JsonNode ada = Events.of((String) results.get(2).get("userId")).await(1).get(0).data();
    JsonNode bob = Events.of((String) results.get(3).get("userId")).await(1).get(0).data();
    JsonNode dora = Events.of((String) results.get(8).get("userId")).await(1).get(0).data();
    JsonNode eve = Events.of((String) results.get(9).get("userId")).await(1).get(0).data();
    assertTrue(ada.path("firstCodeFollows").asBoolean(), ada.toString());
    assertTrue(dora.path("firstCodeFollows").asBoolean());
    assertTrue(eve.path("firstCodeFollows").asBoolean());
    assertTrue(bob.path("firstCodeFollows").isMissingNode(), "no code given: " + bob);
    // The person travels sealed (ADR 7).
    assertTrue(ada.path("username").isMissingNode(), ada.toString());
    assertTrue(ada.path("personal").asText().startsWith("pd1:"), ada.toString());

    // What credential-service got: the codes and cards of the created users, never bob's.
    assertTrue(handedOver(tenant, true).isEmpty(), "per_line checks nothing in a dry run");
    Map<String, JsonNode> sent = usersSent(handedOver(tenant, false));
    assertEquals(
        java.util.Set.of(
            "ada@imp.example", "dora@imp.example", "eve@imp.example", "fay@imp.example"),
        sent.keySet());
    assertEquals("7KQ2MX", sent.get("ada@imp.example").path("code").asText());
    assertEquals(results.get(2).get("userId"), sent.get("ada@imp.example").path("userId").asText());
    assertEquals("BEEF01", sent.get("eve@imp.example").path("cardNumber").asText());
    assertTrue(sent.get("eve@imp.example").path("code").isMissingNode());

    // Nothing staged once ended; no code or card in a log line or an event of the import.
    assertEquals(0, stagedLines(id));
    String importEvents = Events.of(id).await(2).toString();
    assertTrue(importEvents.contains("UserImportEnded"), importEvents);
    for (String secret : List.of("7KQ2MX", "TAKEN9", "BEEF01", "CA4D00")) {
      assertFalse(importEvents.contains(secret), "an import event holds " + secret);
      assertTrue(
          logged.stream().noneMatch(line -> line.contains(secret)), "a log line holds " + secret);
    }
  }

  @Test
  void allOrNothingWithOneBadLineWritesNothingAndNamesTheLine() {
    String tenant = newTenant("aon-");
    String csv =
        "username,displayName,email,accessCode\n"
            + "aon1,One,aon1@aon.example,7KQ2MX\n"
            + "aon2,Two,aon2@aon.example,\n"
            + "aon3,Three,not-an-email,\n"
            + "aon4,Four,aon4@aon.example,\n";
    String id = queued(tenant, "all_or_nothing", csv);

    JsonPath job = ended(tenant, id);
    assertEquals("failed", job.getString("status"));
    assertEquals(0, job.getInt("done"));
    assertEquals(1, job.getInt("failed"));
    assertTrue(job.getString("reason").contains("no user was created"), job.getString("reason"));
    Map<Integer, Map<String, Object>> results = results(job);
    assertEquals(1, results.size(), "only the bad line is reported: " + results);
    assertEquals("invalid_email", results.get(4).get("reason"));
    assertEquals(0, usersNamed(tenant, "aon"), "nothing written");
    assertTrue(handedOver(tenant, false).isEmpty(), "no code handed over");
    assertEquals(0, stagedLines(id));
  }

  @Test
  void allOrNothingFailsWhenCredentialServiceRefusesALineInItsDryRun() {
    String tenant = newTenant("dry-");
    String csv =
        "username,displayName,email,accessCode\n"
            + "dry1,One,dry1@dry.example,7KQ2MX\n"
            + "dry2,Two,dry2@dry.example,TAKEN9\n"
            + "dry3,Three,dry3@dry.example,\n";
    String id = queued(tenant, "all_or_nothing", csv);

    JsonPath job = ended(tenant, id);
    assertEquals("failed", job.getString("status"));
    assertEquals("code_in_use", results(job).get(3).get("reason"));
    assertEquals(1, results(job).size());
    assertEquals(0, usersNamed(tenant, "dry"), "nothing written");
    List<JsonNode> dryRuns = handedOver(tenant, true);
    assertEquals(1, dryRuns.size());
    assertEquals(
        java.util.Set.of("dry1@dry.example", "dry2@dry.example"),
        usersSent(dryRuns).keySet(),
        "only lines with a code or card are checked");
    assertTrue(handedOver(tenant, false).isEmpty(), "nothing handed over for real");
  }

  @Test
  void allOrNothingWithEveryLineGoodCreatesThemAll() {
    String tenant = newTenant("aok-");
    StringBuilder csv = new StringBuilder("Email,USERNAME,displayname,AccessCode\n");
    for (int i = 1; i <= 9; i++) {
      csv.append("aok").append(i).append("@aok.example,aok").append(i).append(",Name ").append(i);
      csv.append(',').append(i == 5 ? "5HKP2Q" : "").append('\n');
    }
    String id = queued(tenant, "all_or_nothing", csv.toString());
    JsonPath job = ended(tenant, id);
    assertEquals("completed", job.getString("status"));
    assertEquals(9, job.getInt("done"));
    assertEquals(0, job.getInt("failed"));
    assertEquals(9, usersNamed(tenant, "aok"));
    assertEquals(1, handedOver(tenant, true).size(), "checked first");
    assertEquals(
        "5HKP2Q",
        usersSent(handedOver(tenant, false)).get("aok5@aok.example").path("code").asText());
  }

  @Test
  void aTextThatIsNoSuchCsvIsRefusedWhole() {
    String tenant = newTenant("csv-");
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("ada,Ada,ada@x.example\n", "unknown column 'ada'");
    refused.put("username,displayName,email,shoeSize\nada,Ada,ada@x.example,42\n", "shoeSize");
    refused.put("username,displayName\nada,Ada\n", "must name username, displayName and email");
    refused.put("username,displayName,email,Email\na,b,c,d\n", "named twice");
    refused.put(
        "username,displayName,email\nada,\"Ada,ada@x.example\n",
        "line 2: a quoted field is never closed");
    refused.put("username,displayName,email\nada,A\"da,ada@x.example\n", "line 2: a quote inside");
    refused.put("username,displayName,email\nada,\"Ada\"x,ada@x.example\n", "line 2: text after");
    refused.put(
        "username,displayName,email\nada,Ada,ada@x.example,extra\n", "line 2: it has 4 fields");
    refused.put("username,displayName,email\n", "no users");
    refused.put("", "empty");
    refused.forEach(
        (csv, message) ->
            upload(tenant, "per_line", csv)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_csv"))
                .body("message", containsString(message)));

    StringBuilder tooMany = new StringBuilder("username,displayName,email\n");
    for (int i = 0; i <= 100_000; i++) {
      tooMany.append('u').append(i).append(",U,u").append(i).append("@x.example\n");
    }
    upload(tenant, "per_line", tooMany.toString())
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_csv"))
        .body("message", containsString("more than 100000 lines"));

    byte[] oversized = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(oversized, (byte) 'a');
    admin(tenant)
        .contentType("text/csv")
        .body(oversized)
        .post("/admin/v1/user-imports?mode=per_line")
        .then()
        .statusCode(413)
        .body("error", equalTo("too_large"));

    admin(tenant)
        .contentType("text/csv")
        .body(new byte[] {'u', ',', (byte) 0xC3, '\n'})
        .post("/admin/v1/user-imports?mode=per_line")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_csv"))
        .body("message", containsString("UTF-8"));
    for (String mode : List.of("", "sometimes", "PER_LINE")) {
      upload(tenant, mode, "username,displayName,email\na,b,a@x.example\n")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_parameter"));
    }
    admin(tenant)
        .body("{\"username\":\"a\"}")
        .post("/admin/v1/user-imports?mode=per_line")
        .then()
        .statusCode(415);
    admin(tenant).get("/admin/v1/user-imports").then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void aBomCrlfQuotedLineBreaksAndColumnsInAnyOrderAreRead() {
    String tenant = newTenant("bom-");
    String csv =
        "\uFEFFEMAIL,orgunit,UserName,DisplayName\r\n"
            + "q1@bom.example,\"/Sales, North\",q1,\"Quinn \"\"Q\"\" One\"\r\n"
            + "q2@bom.example,,q2,\"Two\r\nLines\"\r\n" // 3: a name of two lines: refused
            + "\r\n" // 4: blank, skipped
            + "q3@bom.example,,q3,Three"; // 5: no final line break
    String id = queued(tenant, "per_line", csv);
    JsonPath job = ended(tenant, id);
    assertEquals(3, job.getInt("total"));
    Map<Integer, Map<String, Object>> results = results(job);
    assertEquals(java.util.Set.of(2, 3, 5), results.keySet());
    assertEquals("invalid_display_name", results.get(3).get("reason"));
    admin(tenant)
        .get("/admin/v1/users/" + results.get(2).get("userId"))
        .then()
        .body("username", equalTo("q1"))
        .body("displayName", equalTo("Quinn \"Q\" One"))
        .body("orgUnit", equalTo("/Sales, North"));
    assertEquals("created", results.get(5).get("outcome"));
  }

  @Test
  void anAdminCancelsAQueuedImportAndNoOtherTenantSeesOrCancelsIt() {
    worker.stop();
    String tenant = newTenant("cxl-");
    String other = newTenant("oth-");
    String id =
        queued(
            tenant,
            "per_line",
            "username,displayName,email,accessCode\ncx1,C,cx1@c.example,7KQ2MX\n");
    assertEquals(1, stagedLines(id));

    admin(other).get("/admin/v1/user-imports/" + id).then().statusCode(404);
    admin(other).delete("/admin/v1/user-imports/" + id).then().statusCode(404);
    admin(other).get("/admin/v1/user-imports").then().body("total", equalTo(0));
    admin(tenant).get("/admin/v1/user-imports/not-an-id").then().statusCode(404);
    admin(tenant)
        .delete("/admin/v1/user-imports/" + createUser(tenant, "not-an-import"))
        .then()
        .statusCode(404);

    admin(tenant)
        .delete("/admin/v1/user-imports/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"))
        .body("id", equalTo(id));
    assertEquals(0, stagedLines(id), "the staged lines went with the cancel");
    admin(tenant)
        .delete("/admin/v1/user-imports/" + id)
        .then()
        .statusCode(409)
        .body("error", equalTo("job_finished"));

    assertFalse(run.advance(tenant, id), "nothing left to run");
    assertEquals(0, usersNamed(tenant, "cx1"), "a cancelled import creates no one");
    admin(tenant)
        .get("/admin/v1/user-imports")
        .then()
        .body("items[0].id", equalTo(id))
        .body("items[0].status", equalTo("cancelled"));
  }

  @Test
  void aCancelBetweenChunksStopsTheImportWhatWasDoneStaysDone() {
    worker.stop();
    String tenant = newTenant("mid-");
    String id = queued(tenant, "per_line", lines("mid", 10));
    assertTrue(run.advance(tenant, id));
    assertEquals(4, job(tenant, id).getInt("done"));
    admin(tenant).delete("/admin/v1/user-imports/" + id).then().statusCode(200);
    assertFalse(run.advance(tenant, id));
    JsonPath job = job(tenant, id);
    assertEquals("cancelled", job.getString("status"));
    assertEquals(4, job.getInt("done"));
    assertEquals(4, usersNamed(tenant, "mid"));
    assertEquals(0, stagedLines(id));
  }

  @Test
  void anImportResumesAfterItsLastCommittedChunkAndNoLineIsDoneTwice() throws Exception {
    worker.stop();
    String tenant = newTenant("res-");
    String id = queued(tenant, "per_line", lines("res", 10));

    assertTrue(run.advance(tenant, id), "the first chunk, lines 2 to 5");
    // Two replicas race for the next chunk (say, while the lock changes hands): one does it.
    List<CompletableFuture<Boolean>> racing =
        List.of(
            CompletableFuture.supplyAsync(() -> run.advance(tenant, id)),
            CompletableFuture.supplyAsync(() -> run.advance(tenant, id)));
    racing.forEach(CompletableFuture::join);
    JsonPath during = job(tenant, id);
    // Had the two steps not overlapped, the second did the last chunk: never one chunk twice.
    int done = during.getInt("done");
    assertTrue(done == 8 || done == 10, "chunks of 4 lines, each done once: " + done);
    assertEquals(10 - done, stagedLines(id), "the lines after the last committed chunk wait");

    // The worker was "down" after its last chunk; it comes back and goes on from there.
    worker.start();
    JsonPath job = ended(tenant, id);
    assertEquals("completed", job.getString("status"));
    assertEquals(10, job.getInt("done"));
    assertEquals(10, results(job).size());
    List<String> userIds =
        results(job).values().stream().map(result -> (String) result.get("userId")).toList();
    assertEquals(10, userIds.stream().distinct().count());
    for (String userId : userIds) {
      List<Events.Event> events = Events.of(userId).await(1);
      assertEquals(1, events.size(), "one UserCreated per line");
    }
    List<String> progressed =
        Events.of(id).await(5).stream().map(Events.Event::type).collect(Collectors.toList());
    assertEquals(
        List.of(
            "io.lanyard.identity.UserImportQueued.v1",
            "io.lanyard.identity.UserImportProgressed.v1",
            "io.lanyard.identity.UserImportProgressed.v1",
            "io.lanyard.identity.UserImportProgressed.v1",
            "io.lanyard.identity.UserImportEnded.v1"),
        progressed);
  }

  @Test
  void codesWaitSealedForCredentialServiceAndAreHandedOverOnceItIsBack() {
    worker.stop();
    FakeServices.server()
        .stubFor(post(urlPathMatching(BATCH)).willReturn(aResponse().withStatus(503)));
    String tenant = newTenant("own-");
    String id =
        queued(
            tenant,
            "per_line",
            "username,displayName,email,accessCode,cardNumber\n"
                + "own1,O,own1@o.example,7KQ2MX,\n"
                + "own2,O,own2@o.example,,C0FFEE\n"
                + "own3,O,own3@o.example,,\n");

    for (Row row : rows(id)) {
      String text = row.toJson().encode();
      for (String secret : List.of("7KQ2MX", "C0FFEE")) {
        assertFalse(text.contains(secret), "a staged line holds " + secret + " in clear");
      }
    }
    assertTrue(rows(id).stream().anyMatch(row -> row.getString("sealed_code") != null));

    // The users are created; credential-service is away: the step says so.
    assertThrows(CredentialHandOver.Unavailable.class, () -> run.advance(tenant, id));
    assertEquals(3, usersNamed(tenant, "own"));
    assertEquals(2, sealedLines(id), "two lines owe their code or card");
    assertEquals("running", job(tenant, id).getString("status"));
    assertThrows(CredentialHandOver.Unavailable.class, () -> run.advance(tenant, id));
    assertEquals("running", job(tenant, id).getString("status"), "not completed while owed");
    // The worker's step tells the operator, in words without the codes (the capture works).
    try {
      worker.step();
    } catch (CredentialHandOver.Unavailable alsoFromTheChunkStep) {
      // The import's own step finds credential-service away too.
    }
    assertTrue(
        logged.stream().anyMatch(line -> line.contains("wait for credential-service")),
        "" + logged);
    assertEquals(3, usersNamed(tenant, "own"), "no user twice");

    credentialServiceRefusesTakenCodesAndCards();
    FakeServices.server().resetRequests();
    assertTrue(run.advance(tenant, id));
    JsonPath job = job(tenant, id);
    assertEquals("completed", job.getString("status"));
    assertEquals(3, job.getInt("done"));
    assertEquals(0, stagedLines(id));
    assertEquals(1, handedOver(tenant, false).size());
    assertEquals(
        java.util.Set.of("own1@o.example", "own2@o.example"),
        usersSent(handedOver(tenant, false)).keySet());
    assertTrue(
        logged.stream().noneMatch(line -> line.contains("7KQ2MX") || line.contains("C0FFEE")));
  }

  /** credential-service answers this tenant's batch-initial calls so, before the usual stub. */
  private static StubMapping credentialServiceAnswersFor(
      String tenant, ResponseDefinitionBuilder answer) {
    return FakeServices.server()
        .stubFor(
            post(urlPathMatching("/internal/v1/tenants/" + tenant + "/credentials/batch-initial"))
                .atPriority(1)
                .willReturn(answer));
  }

  private static String withCodes(String prefix) {
    return "username,displayName,email,accessCode,cardNumber\n"
        + prefix
        + "1,O,"
        + prefix
        + "1@o.example,7KQ2MX,\n"
        + prefix
        + "2,O,"
        + prefix
        + "2@o.example,,C0FFEE\n"
        + prefix
        + "3,O,"
        + prefix
        + "3@o.example,,\n";
  }

  @Test
  void anImportWhoseStepsKeepFailingEndsFailedAndHoldsBackNoOtherTenants() {
    String broken = newTenant("brk-");
    String garbled = newTenant("grb-");
    String away = newTenant("awy-");
    String fine = newTenant("fin-");
    List<StubMapping> stubs =
        List.of(
            credentialServiceAnswersFor(broken, aResponse().withStatus(500)),
            credentialServiceAnswersFor(
                garbled,
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"results\":[{\"userId\":")),
            credentialServiceAnswersFor(away, aResponse().withStatus(503)));
    try {
      String brokenId = queued(broken, "per_line", withCodes("brk"));
      String garbledId = queued(garbled, "per_line", withCodes("grb"));
      String awayId = queued(away, "per_line", withCodes("awy"));
      String fineId = queued(fine, "per_line", withCodes("fin"));

      JsonPath done = ended(fine, fineId);
      assertEquals("completed", done.getString("status"));
      assertEquals(3, done.getInt("done"));
      assertEquals(
          java.util.Set.of("fin1@o.example", "fin2@o.example"),
          usersSent(handedOver(fine, false)).keySet());

      for (String[] failing : new String[][] {{broken, brokenId}, {garbled, garbledId}}) {
        JsonPath failed = ended(failing[0], failing[1]);
        assertEquals("failed", failed.getString("status"), failing[0]);
        assertEquals(ImportWorker.GIVEN_UP, failed.getString("reason"));
        assertEquals(1, failed.getInt("done"), "the line without a code or card");
        assertEquals(2, failed.getInt("failed"));
        Map<Integer, Map<String, Object>> results = results(failed);
        assertEquals("created", results.get(4).get("outcome"));
        for (int line : List.of(2, 3)) {
          assertEquals("refused", results.get(line).get("outcome"));
          assertEquals(
              ImportWorker.GIVEN_UP + "; no code or card was set", results.get(line).get("reason"));
          assertNotNull(results.get(line).get("userId"), "the user exists");
        }
        assertEquals(0, stagedLines(failing[1]), "no sealed line stays");
        assertEquals(3, usersNamed(failing[0], failing[0].substring(0, 3)));
      }
      // 5 tries in a row and no more (the default most-failures).
      assertEquals(5, handedOver(broken, false).size());

      // An outage is no import's fault: that import waits, however many steps went by. Tenants
      // take turns, so when the broken import gave up the waiting one had been tried about as
      // often: wait for it to pass the limit that ended the other.
      await().atMost(Duration.ofSeconds(30)).until(() -> handedOver(away, false).size() > 5);
      JsonPath waiting = job(away, awayId);
      assertEquals("running", waiting.getString("status"));
      assertEquals(2, sealedLines(awayId), "its codes and cards are still owed");

      FakeServices.server().removeStub(stubs.get(2));
      JsonPath back = ended(away, awayId);
      assertEquals("completed", back.getString("status"));
      assertEquals(3, back.getInt("done"));

      String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  line ->
                      line.startsWith("lanyard_jobs_total{")
                          && line.contains("kind=\"user_import\"")
                          && line.contains("status=\"failed\"")
                          && !line.endsWith(" 0.0")),
          "imports given up on are counted failed");
      assertTrue(
          logged.stream().anyMatch(line -> line.contains("failed") && line.contains(brokenId)),
          "the log names the import");
      assertTrue(
          logged.stream().noneMatch(line -> line.contains("7KQ2MX") || line.contains("C0FFEE")));
    } finally {
      stubs.forEach(FakeServices.server()::removeStub);
    }
  }

  @Test
  void aStagedLineThatDoesNotOpenFailsItsImportOnly() {
    worker.stop();
    String tenant = newTenant("seal-");
    String id = queued(tenant, "per_line", withCodes("sea"));
    // The first chunk creates the users; its codes and cards are then owed (credential-service
    // away).
    FakeServices.server()
        .stubFor(post(urlPathMatching(BATCH)).willReturn(aResponse().withStatus(503)));
    assertThrows(CredentialHandOver.Unavailable.class, () -> run.advance(tenant, id));
    credentialServiceRefusesTakenCodesAndCards();
    // A sealed value no key opens: as if the line's key had gone from the ring.
    pool.preparedQuery(
            "UPDATE user_import_lines SET sealed_code = 'gone-key:AAAAAAAAAAAAAAAA' WHERE import_id = $1"
                + " AND sealed_code IS NOT NULL")
        .execute(Tuple.of(UUID.fromString(id)))
        .await()
        .atMost(Duration.ofSeconds(10));
    String other = newTenant("oth-");
    String otherId = queued(other, "per_line", lines("oth", 2));

    for (int i = 0; i < 4; i++) {
      worker.step();
      assertEquals("running", job(tenant, id).getString("status"), "not before the 5th failure");
    }
    for (int steps = 0;
        steps < 50 && !"completed".equals(job(other, otherId).getString("status"));
        steps++) {
      worker.step();
    }
    worker.step();
    JsonPath failed = job(tenant, id);
    assertEquals("failed", failed.getString("status"));
    assertEquals(ImportWorker.GIVEN_UP, failed.getString("reason"));
    assertEquals(0, stagedLines(id));
    assertEquals("completed", job(other, otherId).getString("status"), "the other one went on");
  }

  @Test
  void importsAreCountedInTheMetrics() {
    String tenant = newTenant("met-");
    ended(tenant, queued(tenant, "per_line", lines("met", 2)));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("lanyard_jobs_total{")
                        && line.contains("kind=\"user_import\"")
                        && line.contains("status=\"completed\"")
                        && !line.endsWith(" 0.0")),
        metrics);
    assertTrue(metrics.contains("lanyard_jobs_running{kind=\"user_import\"}"));
  }

  private static String lines(String prefix, int count) {
    StringBuilder csv = new StringBuilder("username,displayName,email\n");
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (int i = 1; i <= count; i++) {
      String name = prefix + run + "-" + i;
      csv.append(name).append(",Name ").append(i).append(',').append(name).append("@x.example\n");
    }
    return csv.toString();
  }

  private List<Row> rows(String importId) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("SELECT * FROM user_import_lines WHERE import_id = $1")
        .execute(Tuple.of(UUID.fromString(importId)))
        .await()
        .atMost(Duration.ofSeconds(10))
        .forEach(rows::add);
    return rows;
  }

  private int stagedLines(String importId) {
    return rows(importId).size();
  }

  /** Staged lines that still hold a sealed code or card. */
  private int sealedLines(String importId) {
    return (int)
        rows(importId).stream()
            .filter(
                row -> row.getString("sealed_code") != null || row.getString("sealed_card") != null)
            .count();
  }

  @Test
  void theListIsNewestFirstAndPaged() {
    worker.stop();
    String tenant = newTenant("lst-");
    String first = queued(tenant, "per_line", lines("l1", 1));
    String second = queued(tenant, "all_or_nothing", lines("l2", 1));
    admin(tenant)
        .get("/admin/v1/user-imports?size=1")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("size", equalTo(1))
        .body("items[0].id", equalTo(second))
        .body("items[0].results", org.hamcrest.Matchers.nullValue());
    admin(tenant)
        .get("/admin/v1/user-imports?page=1&size=1")
        .then()
        .body("items[0].id", equalTo(first));
    assertNull(job(tenant, first).getString("reason"));
  }
}
