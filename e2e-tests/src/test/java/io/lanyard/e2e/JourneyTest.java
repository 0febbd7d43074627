package io.lanyard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One person's way through Lanyard, across all five services: provisioned by SCIM, invited by
 * email, logging in at a printer by code, registering a card there and logging in by it, given a
 * new code by an admin ("Save and email"), asking the printer for a reminder; then a colleague
 * synced from Google Workspace logs in too.
 */
@ExtendWith({SystemExtension.class, Summary.class})
class JourneyTest {

  private static final Duration MAIL = Duration.ofSeconds(30);
  private static final String ADA = "ada@journey.example";
  private static final String CARD = "0004123456";

  @Test
  void fromProvisioningToTheSecondLogin(LanyardSystem system) {
    Tenant tenant = system.createTenant("journey");
    Device device = tenant.registerDevice("Journey MFD");
    Mailbox mailbox = system.mailbox();

    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    Api.Answer created = scim.createUser(ADA, "Ada Lovelace", null).expect(201);
    String ada = created.json().get("id").asText();
    Summary.step("SCIM provisioning created " + ADA);

    String firstCode = codeOf(mailbox.await(ADA, 1, MAIL).get(0));
    Summary.step("the invitation email carried her code");
    Summary.emailsChecked(1);

    assertEquals(
        ADA, device.awaitCodeLogin(firstCode, 200).json().get("username").asText(), "by code");
    Summary.step("she logged in at the printer by code");

    device.registerCard(firstCode, CARD).expect(201);
    Summary.step("she registered her card at the printer");

    assertEquals(ADA, device.awaitCardLogin(CARD, 200).json().get("username").asText());
    Summary.step("she logged in by card");

    tenant
        .admin(
            Service.CREDENTIAL,
            "PUT",
            "/admin/v1/credentials/" + ada + "/access-code",
            "{\"generate\":true,\"notifyUser\":true}")
        .expect(200);
    String secondCode = codeOf(mailbox.await(ADA, 2, MAIL).get(1));
    assertNotEquals(firstCode, secondCode);
    Summary.step("an admin's \"Save and email\" sent her a new code");
    Summary.emailsChecked(1);

    device.awaitCodeLogin(firstCode, 401);
    assertEquals(401, device.loginByCode(firstCode).status(), "the old code");
    assertEquals(200, device.awaitCodeLogin(secondCode, 200).status(), "the new code");
    Summary.step("the old code is refused, the new one works");

    device.requestReminder(ADA).expect(202);
    assertEquals(secondCode, codeOf(mailbox.await(ADA, 3, MAIL).get(2)));
    Summary.step("the printer's reminder emailed her current code");
    Summary.emailsChecked(1);

    try (FakeGoogleDirectory google = FakeGoogleDirectory.start(0)) {
      google.put(
          new GoogleUser(
              "g-bob", "bob@journey.example", "Bob Babbage", "/Staff", false, "B0B7K2", null));
      tenant.connectGoogle(google.settings("org_units", List.of("/Staff"), true));
      var run = tenant.awaitSyncRun(tenant.startGoogleSync());
      assertEquals("succeeded", run.get("status").asText(), run.toString());
      Summary.step("a Google Workspace sync created Bob from the directory");
    }
    assertEquals(
        "bob@journey.example",
        device.awaitCodeLogin("B0B7K2", 200).json().get("username").asText());
    assertEquals("B0B7K2", codeOf(mailbox.await("bob@journey.example", 1, MAIL).get(0)));
    Summary.step("Bob, synced from Google, logged in with the code from the directory");
    Summary.emailsChecked(1);
  }

  private static String codeOf(Mailbox.Mail mail) {
    return mail.code().orElseThrow(() -> new AssertionError("no code in " + mail));
  }
}
