package io.lanyard.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.lanyard.device.DeviceApiTest.admin;
import static io.lanyard.device.DeviceApiTest.at;
import static io.lanyard.device.DeviceApiTest.card;
import static io.lanyard.device.DeviceApiTest.code;
import static io.lanyard.device.DeviceApiTest.register;
import static io.lanyard.device.DeviceApiTest.userWithCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.DeviceApiTest.Device;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.secrets.TenantSeal;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering a card at a device, code reminders, and logins while the OIDC provider is down. */
@QuarkusTest
class CardRegistrationAndReminderTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject SecretHasher hasher;

  Upstream upstream;

  @BeforeEach
  void upstream() {
    upstream = new Upstream(hasher);
    upstream.tenant("acme");
    await().until(() -> admin("acme").get("/admin/v1/devices").statusCode() == 200);
  }

  static WireMockServer credentialService() {
    return FakeServices.server();
  }

  @Test
  void aCardRegisteredAfterACodeLogsInAtOnce() throws Exception {
    Device device = register("acme", "Register MFD");
    String gil = userWithCode(upstream, device, "gil", "Gil", "G1L7WX");
    String cardId = UUID.randomUUID().toString();
    credentialService()
        .stubFor(
            post(urlEqualTo("/internal/v1/tenants/acme/cards/by-code"))
                .withRequestBody(matchingJsonPath("$.cardNumber", equalTo(" 0a0b0c ")))
                .willReturn(
                    aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"userId\":\"" + gil + "\",\"cardId\":\"" + cardId + "\"}")));

    // credential-service publishes CardRegistered a moment after it answers: the gateway's answer
    // waits until its model holds the card.
    CompletableFuture<Void> published =
        CompletableFuture.runAsync(
            () -> {
              sleep(300);
              upstream.card("acme", gil, cardId, "0A0B0C");
            });
    long started = System.nanoTime();
    at(device)
        .body(Map.of("code", "g1l7wx", "cardNumber", " 0a0b0c "))
        .post("/device/v1/cards")
        .then()
        .statusCode(201)
        .body("userId", org.hamcrest.Matchers.equalTo(gil))
        .body("username", org.hamcrest.Matchers.equalTo("gil"));
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300,
        "the answer came before the card was published");
    published.join();
    card(device, "0A0B0C")
        .then()
        .statusCode(200)
        .body("userId", org.hamcrest.Matchers.equalTo(gil));
    credentialService()
        .verify(
            postRequestedFor(urlEqualTo("/internal/v1/tenants/acme/cards/by-code"))
                .withHeader("Authorization", equalTo("Bearer service-token"))
                .withRequestBody(matchingJsonPath("$.deviceId", equalTo(device.id()))));
  }

  @Test
  void credentialServicesRefusalsReachTheDevice() {
    Device device = register("acme", "Refusing MFD");
    String hal = userWithCode(upstream, device, "hal", "Hal", "H4L2PC");
    credentialService()
        .stubFor(
            post(urlEqualTo("/internal/v1/tenants/acme/cards/by-code"))
                .withRequestBody(matchingJsonPath("$.cardNumber", equalTo("BEEF")))
                .willReturn(
                    aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"card_in_use\",\"message\":\"taken\"}")));
    at(device)
        .body(Map.of("code", "H4L2PC", "cardNumber", "BEEF"))
        .post("/device/v1/cards")
        .then()
        .statusCode(409)
        .body("error", org.hamcrest.Matchers.equalTo("card_in_use"));

    credentialService()
        .stubFor(
            post(urlEqualTo("/internal/v1/tenants/acme/cards/by-code"))
                .withRequestBody(matchingJsonPath("$.cardNumber", equalTo("DEAD")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    at(device)
        .body(Map.of("code", "H4L2PC", "cardNumber", "DEAD"))
        .post("/device/v1/cards")
        .then()
        .statusCode(503)
        .body("error", org.hamcrest.Matchers.equalTo("credential_service_unavailable"));

    int calls = credentialService().getAllServeEvents().size();
    at(device)
        .body(Map.of("code", "NOPE99", "cardNumber", "BEEF"))
        .post("/device/v1/cards")
        .then()
        .statusCode(401)
        .body("error", org.hamcrest.Matchers.equalTo("invalid_code"));
    assertEquals(calls, credentialService().getAllServeEvents().size(), "a wrong code is not sent");
  }

  @Test
  void aReminderIsPublishedOnceAndAlwaysAnswered202() throws Exception {
    Device device = register("acme", "Reminder MFD");
    String address = "ivy-" + UUID.randomUUID() + "@acme.example";
    double accepted = Scrape.value("lanyard_device_reminders_total", "result=accepted");
    double invalid = Scrape.value("lanyard_device_reminders_total", "result=invalid_email");
    at(device)
        .body(Map.of("email", " " + address.toUpperCase() + " "))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(202);
    at(device)
        .body(Map.of("email", address))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(202);
    at(device)
        .body(Map.of("email", "no-such-user-" + UUID.randomUUID() + "@acme.example"))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(202);
    at(device)
        .body(Map.of("email", "not an address"))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("invalid_email"));
    assertEquals(accepted + 3, Scrape.value("lanyard_device_reminders_total", "result=accepted"));
    assertEquals(
        invalid + 1, Scrape.value("lanyard_device_reminders_total", "result=invalid_email"));

    await().atMost(Duration.ofSeconds(10)).until(CardRegistrationAndReminderTest::outboxEmpty);
    List<JsonNode> reminders = reminders(address);
    assertEquals(1, reminders.size(), "the second request within the limit publishes nothing");
    assertEquals("acme", reminders.get(0).get("tenantId").asText());
    assertEquals(device.id(), reminders.get(0).get("deviceId").asText());
    assertFalse(
        reminders.get(0).toString().contains(address.substring(0, 12)),
        "the typed address travels sealed under the tenant's key: " + reminders.get(0));
  }

  @Test
  void aDeviceMayAskForTenRemindersAMinuteWhateverTheAddresses() throws Exception {
    Device busy = register("acme", "Busy reminder MFD");
    Device quiet = register("acme", "Quiet reminder MFD");
    List<String> addresses = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      addresses.add("nobody-" + i + "-" + UUID.randomUUID() + "@acme.example");
    }
    for (String address : addresses.subList(0, 10)) {
      at(busy)
          .body(Map.of("email", address))
          .post("/device/v1/access-code-reminders")
          .then()
          .statusCode(202);
    }

    io.restassured.response.Response eleventh =
        at(busy).body(Map.of("email", addresses.get(10))).post("/device/v1/access-code-reminders");
    eleventh
        .then()
        .statusCode(429)
        .body("error", org.hamcrest.Matchers.equalTo("too_many_reminders"));
    long retryAfter = Long.parseLong(eleventh.header("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    // The same answer for an address asked before: the limit says nothing about addresses.
    at(busy)
        .body(Map.of("email", addresses.get(0)))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(429);
    at(quiet)
        .body(Map.of("email", addresses.get(10)))
        .post("/device/v1/access-code-reminders")
        .then()
        .statusCode(202);

    // Refused before anything was appended: the busy device's 11th address got no event.
    await().atMost(Duration.ofSeconds(10)).until(CardRegistrationAndReminderTest::outboxEmpty);
    assertEquals(1, reminders(addresses.get(0)).size());
    List<JsonNode> eleventhAddress = reminders(addresses.get(10));
    assertEquals(1, eleventhAddress.size(), "only the quiet device's request");
    assertEquals(quiet.id(), eleventhAddress.get(0).get("deviceId").asText());
  }

  @Test
  void devicesLogInWhileTheOidcProviderIsDown() throws Exception {
    Device device = register("acme", "Offline-IdP MFD");
    String jo = userWithCode(upstream, device, "jo", "Jo", "J0W8NM");

    URI oidc =
        URI.create(
            ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class));
    WireMock provider = new WireMock(oidc.getHost(), oidc.getPort());
    StubMapping down =
        provider.register(
            any(anyUrl())
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try {
      HttpRequest discovery =
          HttpRequest.newBuilder(URI.create(oidc + ".well-known/openid-configuration")).build();
      assertThrows(
          java.io.IOException.class,
          () -> HttpClient.newHttpClient().send(discovery, HttpResponse.BodyHandlers.ofString()));
      code(device, "J0W8NM").then().statusCode(200);
      code(device, "WRONG1").then().statusCode(401);
    } finally {
      provider.removeStubMapping(down);
    }
  }

  static boolean outboxEmpty() throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                TestPlatform.jdbcUrl("lanyard_device_test"), TestPlatform.postgresUser(), "");
        ResultSet rows =
            db.createStatement().executeQuery("SELECT count(*) FROM event_store.outbox")) {
      rows.next();
      return rows.getLong(1) == 0;
    }
  }

  static List<JsonNode> reminders(String address) throws Exception {
    String topic = ConfigProvider.getConfig().getValue("lanyard.events.topic", String.class);
    List<JsonNode> found = new java.util.ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(topic)) {
      String type =
          new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
      if (type.equals(DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED_V2.toString())) {
        JsonNode data = JSON.readTree(record.value());
        String tenant = data.get("tenantId").asText();
        String opened =
            TenantSeal.open(
                FakeDataKeys.tenantKeyOf(tenant),
                tenant,
                SecretPurposes.TYPED_ADDRESS,
                data.get("address").asText());
        if (opened.equals(address)) {
          found.add(data);
        }
      }
    }
    return found;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
