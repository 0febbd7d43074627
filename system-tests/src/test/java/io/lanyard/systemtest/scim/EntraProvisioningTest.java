package io.lanyard.systemtest.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The requests Microsoft Entra ID's provisioning service sends, byte for byte as it shapes them
 * (its Test Connection, creates with the PaperCut extension and without listing it in {@code
 * schemas}, {@code "Replace"} with booleans as strings, several attributes in one operation without
 * a path, soft and hard delete), against the real services; what they do is checked where it shows:
 * at a device and in the user's mailbox.
 */
@ExtendWith(SystemExtension.class)
class EntraProvisioningTest {

  private static final String PAPERCUT = "urn:ietf:params:scim:schemas:extension:papercut:2.0:User";
  private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final Pattern CODE_IN_MAIL = Pattern.compile("(?m)^ {4}([A-Z0-9]{4,10})\\s*$");
  private static final Duration MAIL = Duration.ofSeconds(20);

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Tenant.ScimEndpoint entra;
  private static Device device;

  @BeforeAll
  static void connect(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("entra");
    entra = tenant.issueScimToken();
    device = tenant.registerDevice("Entra test MFD");
  }

  @Test
  void testConnectionFindsNoUserForARandomName() {
    Api.Answer answer =
        scim("GET", "/Users?filter=" + encode("userName eq \"" + UUID.randomUUID() + "\""), null);
    answer.expect(200);
    assertTrue(answer.header("Content-Type").startsWith("application/scim+json"));
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:ListResponse",
        answer.json().get("schemas").get(0).asText());
    assertEquals(0, answer.json().get("totalResults").asInt());

    Api.Answer noToken =
        Api.send("GET", entra.tenantUrl() + "/Users", null, "application/scim+json", null);
    assertScimError(noToken, 401, null);
    Api.Answer wrongToken =
        Api.send("GET", entra.tenantUrl() + "/Users", "lys_wrong", "application/scim+json", null);
    assertScimError(wrongToken, 401, null);
  }

  @Test
  void aCreatedUserGetsTheInvitationAndLogsInByCodeAndCard() {
    Api.Answer created = create("ada", "AD4L0V", "0004123456");
    created.expect(201);
    JsonNode user = created.json();
    String id = user.get("id").asText();
    assertEquals("ada@entra.example", user.get("userName").asText());
    assertTrue(user.get("active").asBoolean());
    JsonNode meta = user.get("meta");
    assertEquals("User", meta.get("resourceType").asText());
    assertTrue(meta.get("location").asText().endsWith("/Users/" + id));
    assertTrue(meta.hasNonNull("created") && meta.hasNonNull("lastModified"));
    assertEquals(meta.get("version").asText(), created.header("ETag"));
    assertFalse(created.body().contains("AD4L0V"), "the code is never echoed");
    assertFalse(created.body().contains("accessCode"));

    Mailbox.Mail invitation = system.mailbox().await("ada@entra.example", 1, MAIL).get(0);
    assertEquals("AD4L0V", codeIn(invitation));
    assertEquals(
        "ada@entra.example", device.awaitCodeLogin("AD4L0V", 200).json().get("username").asText());
    assertEquals(200, device.awaitCardLogin("0004123456", 200).status());

    // The name as Entra sent it, and Entra's own PATCH of one part changes only that part.
    assertEquals("ada Tester", user.get("name").get("formatted").asText());
    assertEquals("ada", user.get("name").get("givenName").asText());
    assertEquals("Tester", user.get("name").get("familyName").asText());
    JsonNode renamed =
        scim(
                "PATCH",
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"name.givenName","value":"Ada"}]}""")
            .expect(200)
            .json();
    assertEquals("Ada", renamed.get("name").get("givenName").asText());
    assertEquals("Tester", renamed.get("name").get("familyName").asText());
    assertEquals("ada Tester", renamed.get("name").get("formatted").asText());
    assertEquals("ada", renamed.get("displayName").asText());

    // Entra matches users by these before it creates them.
    assertEquals(1, count("externalId eq \"entra-ada\""));
    assertEquals(1, count("emails[type eq \"work\"].value eq \"ADA@entra.example\""));
    assertEquals(1, count("USERNAME Eq \"ada@entra.example\""));

    assertScimError(create("ada", null, null), 409, "uniqueness");
    assertScimError(create("ada-twin", "AD4L0V", null), 409, "uniqueness");
  }

  /**
   * Entra sends creates in parallel: those that arrive while others are under way are done
   * together, and each keeps the answer it would have had alone.
   */
  @Test
  void createsSentInParallelAreDoneTogetherAndEachKeepsItsOwnAnswer() throws Exception {
    double runsBefore = metric("lanyard_scim_create_runs_total");
    Map<String, Callable<Api.Answer>> requests = new LinkedHashMap<>();
    for (int i = 0; i < 24; i++) {
      String name = "crowd" + i;
      String code = crowdCode(i);
      requests.put(name, () -> create(name, code, null));
    }
    // Twins: one userName twice; one code twice; a code the policy refuses; a suspended user.
    requests.put("twin-a", () -> create("twin", null, null));
    requests.put("twin-b", () -> create("twin", null, null));
    requests.put("clash-a", () -> create("clash-a", "CL4SH7", null));
    requests.put("clash-b", () -> create("clash-b", "CL4SH7", null));
    requests.put("short", () -> create("short", "12", null));
    requests.put(
        "asleep",
        () ->
            scim(
                "POST",
                "/Users",
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"asleep@entra.example","active":false,
                 "emails":[{"primary":true,"type":"work","value":"asleep@entra.example"}]}"""));
    ExecutorService parallel = Executors.newFixedThreadPool(10);
    Map<String, Future<Api.Answer>> sent = new LinkedHashMap<>();
    requests.forEach((name, request) -> sent.put(name, parallel.submit(request)));
    Map<String, Api.Answer> answers = new LinkedHashMap<>();
    for (Map.Entry<String, Future<Api.Answer>> answer : sent.entrySet()) {
      answers.put(answer.getKey(), answer.getValue().get(60, TimeUnit.SECONDS));
    }
    parallel.shutdown();

    for (int i = 0; i < 24; i++) {
      Api.Answer created = answers.get("crowd" + i).expect(201);
      assertEquals("crowd" + i + "@entra.example", created.json().get("userName").asText());
      assertEquals("entra-crowd" + i, created.json().get("externalId").asText());
      assertEquals("Tester", created.json().get("name").get("familyName").asText());
      assertEquals(1, count("externalId eq \"entra-crowd" + i + "\""));
    }
    for (int i = 0; i < 24; i++) {
      assertEquals(
          "crowd" + i + "@entra.example",
          device.awaitCodeLogin(crowdCode(i), 200).json().get("username").asText());
    }
    assertOneCreatedOneRefused(answers.get("twin-a"), answers.get("twin-b"));
    assertEquals(1, count("userName eq \"twin@entra.example\""));
    assertOneCreatedOneRefused(answers.get("clash-a"), answers.get("clash-b"));
    assertEquals(
        1,
        count("userName eq \"clash-a@entra.example\" or userName eq \"clash-b@entra.example\""),
        "the user whose code was taken is removed again");
    assertScimError(answers.get("short"), 400, "invalidValue");
    assertEquals(0, count("userName eq \"short@entra.example\""));
    JsonNode asleep = answers.get("asleep").expect(201).json();
    assertFalse(asleep.get("active").asBoolean());
    assertTrue(
        metric("lanyard_scim_create_runs_total") > runsBefore,
        "creates sent in parallel went in runs together");
  }

  private static String crowdCode(int i) {
    return "CR" + "ABCDEFGHJKLMNPQRSTUVWXYZ".charAt(i) + "7Q" + (2 + i % 8);
  }

  private static void assertOneCreatedOneRefused(Api.Answer one, Api.Answer other) {
    List<Integer> statuses = new ArrayList<>(List.of(one.status(), other.status()));
    statuses.sort(null);
    assertEquals(List.of(201, 409), statuses, one.body() + " / " + other.body());
    assertScimError(one.status() == 409 ? one : other, 409, "uniqueness");
  }

  private static double metric(String name) {
    String text =
        Api.send("GET", system.service(Service.DIRECTORY_SYNC).url("/q/metrics"), null, null, null)
            .expect(200)
            .body();
    Matcher value =
        // An exemplar (" # {trace_id=…} …") may follow the value: the services trace here.
        Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+-]+)(?: # .*)?$").matcher(text);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  @Test
  void replaceWithStringBooleansSuspendsAndReactivates() {
    String id = create("bea", "BEA7Q2", null).expect(201).json().get("id").asText();
    device.awaitCodeLogin("BEA7Q2", 200);

    Api.Answer suspended =
        scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
    suspended.expect(200);
    assertFalse(suspended.json().get("active").asBoolean());
    assertEquals("invalid_code", device.awaitCodeLogin("BEA7Q2", 401).json().get("error").asText());

    scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":"True"}]}""")
        .expect(200);
    assertEquals(200, device.awaitCodeLogin("BEA7Q2", 200).status());
  }

  @Test
  void severalAttributesInOneOperationWithoutAPath() {
    String id = create("cyd", "CYD3K8", null).expect(201).json().get("id").asText();
    device.awaitCodeLogin("CYD3K8", 200);

    Api.Answer patched =
        scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","value":{
               "displayName":"Cyd Charisse",
               "emails[type eq \\"work\\"].value":"cyd.charisse@entra.example",
               "urn:ietf:params:scim:schemas:extension:papercut:2.0:User:accessCode":"CYD9W4"}}]}""");
    patched.expect(200);
    assertEquals("Cyd Charisse", patched.json().get("displayName").asText());

    JsonNode read = scim("GET", "/Users/" + id, null).expect(200).json();
    assertEquals("Cyd Charisse", read.get("displayName").asText());
    assertEquals("cyd.charisse@entra.example", read.get("emails").get(0).get("value").asText());
    assertEquals(200, device.awaitCodeLogin("CYD9W4", 200).status());
    assertEquals(401, device.awaitCodeLogin("CYD3K8", 401).status());
  }

  @Test
  void resendingTheCurrentCodeChangesNothing() {
    Api.Answer created = create("dot", "DOT5M2", null).expect(201);
    String id = created.json().get("id").asText();
    String version = created.json().get("meta").get("version").asText();
    system.mailbox().await("dot@entra.example", 1, MAIL);

    Api.Answer again =
        scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:papercut:2.0:User:accessCode",
               "value":"dot5m2"}]}""");
    again.expect(200);
    assertEquals(version, again.json().get("meta").get("version").asText());
    assertEquals(200, device.awaitCodeLogin("DOT5M2", 200).status());
  }

  @Test
  void removingTheCodeGeneratesANewOneAndEmailsIt() {
    String id = create("eve", "EVE2R7", null).expect(201).json().get("id").asText();
    system.mailbox().await("eve@entra.example", 1, MAIL);

    scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
               "path":"urn:ietf:params:scim:schemas:extension:papercut:2.0:User:accessCode"}]}""")
        .expect(200);

    Mailbox.Mail regenerated = system.mailbox().await("eve@entra.example", 2, MAIL).get(1);
    String newCode = codeIn(regenerated);
    assertNotEquals("EVE2R7", newCode);
    assertEquals(200, device.awaitCodeLogin(newCode, 200).status());
    assertEquals(401, device.awaitCodeLogin("EVE2R7", 401).status());
  }

  @Test
  void softDeleteThenHardDeleteFreesTheCodeAndCard() {
    String id = create("fay", "FAY6T3", "0004999001").expect(201).json().get("id").asText();
    device.awaitCardLogin("0004999001", 200);

    scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":false}]}""")
        .expect(200);
    assertEquals(
        "user_inactive", device.awaitCardLogin("0004999001", 401).json().get("error").asText());

    assertEquals(204, scim("DELETE", "/Users/" + id, null).status());
    assertScimError(scim("GET", "/Users/" + id, null), 404, null);
    assertScimError(scim("DELETE", "/Users/" + id, null), 404, null);
    assertEquals(0, count("userName eq \"fay@entra.example\""));
    assertEquals(404, device.awaitCardLogin("0004999001", 404).status());

    create("fay-again", "FAY6T3", "0004999001").expect(201);
    assertEquals(
        "fay-again@entra.example",
        device.awaitCodeLogin("FAY6T3", 200).json().get("username").asText());
  }

  @Test
  void usersAnAdminCreatedByHandAreMatchedAndAdopted() {
    tenant
        .admin(
            Service.IDENTITY,
            "POST",
            "/admin/v1/users",
            "{\"username\":\"gil@entra.example\",\"displayName\":\"Gil\","
                + "\"email\":\"gil@entra.example\"}")
        .expect(201);
    Api.Answer found =
        Tenant.retryWhile(
            () -> scim("GET", "/Users?filter=" + encode("userName eq \"gil@entra.example\""), null),
            answer -> answer.json().get("totalResults").asInt() == 0,
            Duration.ofSeconds(15));
    assertEquals(1, found.json().get("totalResults").asInt());
    String id = found.json().get("Resources").get(0).get("id").asText();
    assertFalse(
        found.json().get("Resources").get(0).has("externalId"),
        "a user no directory provisioned has no externalId");

    Api.Answer adopted =
        scim(
            "PATCH",
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"externalId","value":"entra-gil"},
                           {"op":"Replace","path":"displayName","value":"Gil Evans"}]}""");
    adopted.expect(200);
    assertEquals("Gil Evans", adopted.json().get("displayName").asText());
    assertEquals(1, count("externalId eq \"entra-gil\""));
  }

  @Test
  void badRequestsAnswerWithScimErrorsAndChangeNothing() {
    assertScimError(
        scim("GET", "/Users?filter=" + encode("userName eq"), null), 400, "invalidFilter");
    assertScimError(scim("GET", "/Users/" + UUID.randomUUID(), null), 404, null);
    assertScimError(create("hal", "12", null), 400, "invalidValue");
    assertEquals(0, count("userName eq \"hal@entra.example\""), "nothing left behind");

    String id = create("ivy", null, null).expect(201).json().get("id").asText();
    assertScimError(
        Api.send(
            "PATCH",
            entra.tenantUrl() + "/Users/" + id,
            entra.secretToken(),
            "application/scim+json",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"displayName","value":"Ivy Two"}]}""",
            Map.of("If-Match", "W/\"stale\"")),
        412,
        null);
    String huge = "{\"userName\":\"" + "x".repeat(300 * 1024) + "\"}";
    assertScimError(scim("POST", "/Users", huge), 413, null);
    assertScimError(scim("GET", "/Groups", null), 501, null);
  }

  @Test
  void everyErrorUnderTheScimPathIsScimsOwn() {
    for (String document : List.of("/ServiceProviderConfig", "/ResourceTypes", "/Schemas")) {
      for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
        assertScimError(scim(method, document, "{}"), 405, null);
      }
    }
    assertScimError(scim("GET", "/Nothing/Here", null), 404, null);
    assertScimError(
        Api.send("GET", entra.tenantUrl() + "/Us%00ers", entra.secretToken(), null, null),
        400,
        "invalidValue");
    assertScimError(
        Api.send("POST", entra.tenantUrl() + "/Users", entra.secretToken(), "text/plain", "x"),
        415,
        null);
    assertScimError(
        Api.send(
            "GET",
            entra.tenantUrl() + "/Users",
            entra.secretToken(),
            null,
            null,
            Map.of("Accept", "text/html")),
        406,
        null);
    assertScimError(
        Api.send("GET", entra.tenantUrl() + "/Users", "lys_wrong", null, null), 401, null);
  }

  private static Api.Answer create(String name, String code, String card) {
    String extension =
        code == null && card == null
            ? ""
            : ",\"%s\":{%s}"
                .formatted(
                    PAPERCUT,
                    String.join(
                            ",",
                            code == null ? "" : "\"accessCode\":\"" + code + "\"",
                            card == null ? "" : "\"accessCard\":\"" + card + "\"")
                        .replaceAll("^,|,$", ""));
    return scim(
        "POST",
        "/Users",
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"entra-%1$s",
         "userName":"%1$s@entra.example",
         "active":true,
         "displayName":"%1$s",
         "emails":[{"primary":true,"type":"work","value":"%1$s@entra.example"}],
         "meta":{"resourceType":"User"},
         "name":{"formatted":"%1$s Tester","familyName":"Tester","givenName":"%1$s"},
         "roles":[]%2$s}"""
            .formatted(name, extension));
  }

  private static int count(String filter) {
    return scim("GET", "/Users?filter=" + encode(filter), null)
        .expect(200)
        .json()
        .get("totalResults")
        .asInt();
  }

  private static Api.Answer scim(String method, String path, String body) {
    return Api.send(
        method, entra.tenantUrl() + path, entra.secretToken(), "application/scim+json", body);
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String codeIn(Mailbox.Mail mail) {
    Matcher code = CODE_IN_MAIL.matcher(mail.text());
    assertTrue(code.find(), "no code in " + mail.subject() + ": " + mail.text());
    return code.group(1);
  }

  private static void assertScimError(Api.Answer answer, int status, String scimType) {
    assertEquals(status, answer.status(), answer.body());
    assertTrue(
        String.valueOf(answer.header("Content-Type")).startsWith("application/scim+json"),
        answer.headers().toString());
    JsonNode error = answer.json();
    assertEquals(ERROR, error.get("schemas").get(0).asText(), answer.body());
    assertEquals(String.valueOf(status), error.get("status").asText());
    if (scimType != null) {
      assertEquals(scimType, error.get("scimType").asText(), answer.body());
    }
  }
}
