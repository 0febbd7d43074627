package io.lanyard.systemtest.google;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.FakeGoogleDirectory;
import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Automatic mode: the first run starts by itself, a push channel is opened with Google, and
 * Google's notifications (with the channel's token, and only with it) start runs that bring a
 * change to the device within seconds.
 */
@ExtendWith(SystemExtension.class)
class GoogleAutomaticSyncTest {

  private static Tenant tenant;
  private static Device device;
  private static FakeGoogleDirectory google;

  @BeforeAll
  static void connect(LanyardSystem system) {
    tenant = system.createTenant("gauto");
    device = tenant.registerDevice("Automatic sync MFD");
    google = FakeGoogleDirectory.start(0);
    google.put(
        new GoogleUser("a-amy", "amy@gauto.example", "Amy Aalto", "/", false, "AMY3K7", null));
  }

  @AfterAll
  static void close() {
    google.close();
  }

  @Test
  void runsByThemselvesAndOnGooglesNotifications() {
    Tenant.retryWhile(
            () -> configure("automatic"),
            answer -> answer.body().contains("unknown_tenant"),
            Duration.ofSeconds(30))
        .expect(200);

    JsonNode first = awaitRuns(1).get(0);
    assertEquals("automatic", first.get("trigger").asText());
    assertEquals(200, device.awaitCodeLogin("AMY3K7", 200).status());

    FakeGoogleDirectory.Channel channel = awaitChannel();
    assertTrue(channel.address().endsWith("/webhooks/google/gauto"), channel.address());
    assertEquals(401, google.notify(channel, "forged", "update"), "a wrong token");
    assertEquals(List.of(200), google.push("sync"), "the channel's first message");
    assertEquals(1, runs().size(), "neither started a run");

    google.put(google.user("a-amy").withAccessCode("AMY8P4"));
    assertEquals(List.of(200), google.push("update"));
    JsonNode pushed = awaitRuns(2).get(0);
    assertEquals("push", pushed.get("trigger").asText());
    assertEquals(200, device.awaitCodeLogin("AMY8P4", 200).status());
    assertEquals(401, device.awaitCodeLogin("AMY3K7", 401).status());

    configure("manual").expect(200);
    assertEquals(
        401,
        Tenant.retryWhile(
                () ->
                    new Api.Answer(
                        google.notify(channel, channel.token(), "update"), java.util.Map.of(), ""),
                answer -> answer.status() != 401,
                Duration.ofSeconds(10))
            .status(),
        "a manual tenant's channel no longer starts runs");
  }

  private static Api.Answer configure(String mode) {
    return tenant.admin(
        Service.DIRECTORY_SYNC,
        "PUT",
        "/admin/v1/directory/google",
        google.settings(mode, "all", List.of(), false));
  }

  private static List<JsonNode> runs() {
    List<JsonNode> items = new java.util.ArrayList<>();
    tenant
        .admin(Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/sync-runs", null)
        .expect(200)
        .json()
        .get("items")
        .forEach(items::add);
    return items;
  }

  /** Waits until the tenant has {@code count} runs, none running; newest first. */
  private static List<JsonNode> awaitRuns(int count) {
    List<JsonNode> runs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                GoogleAutomaticSyncTest::runs,
                found ->
                    found.size() >= count
                        && found.stream()
                            .noneMatch(run -> run.get("status").asText().equals("running")));
    runs.forEach(run -> assertEquals("succeeded", run.get("status").asText(), run.toString()));
    return runs;
  }

  private static FakeGoogleDirectory.Channel awaitChannel() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(google::openChannels, channels -> !channels.isEmpty())
        .get(0);
  }
}
