package io.lanyard.systemtest.harness;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A tenant of a test's own and its admin's calls. Each service learns of a new tenant from the
 * identity topic, so the first call to a service is retried while it still answers {@code
 * unknown_tenant}.
 */
public final class Tenant {

  private static final Duration LEARNING = Duration.ofSeconds(30);

  private final String id;
  private final String adminToken;
  private final LanyardSystem system;

  Tenant(String id, String adminToken, LanyardSystem system) {
    this.id = id;
    this.adminToken = adminToken;
    this.system = system;
  }

  public String id() {
    return id;
  }

  public String adminToken() {
    return adminToken;
  }

  /** An admin API call on a service, with the tenant's admin token. */
  public Api.Answer admin(Service service, String method, String path, String json) {
    return Api.send(
        method, system.service(service).url(path), adminToken, "application/json", json);
  }

  /** A SCIM token for the tenant: its Tenant URL and Secret Token, as Entra's admin pastes them. */
  public ScimEndpoint issueScimToken() {
    var issued =
        retryWhileTenantUnknown(
            () -> admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/scim-token", null));
    issued.expect(201);
    return new ScimEndpoint(
        issued.json().get("tenantUrl").asText(), issued.json().get("secretToken").asText());
  }

  /** Connects the tenant to a Google Workspace directory (settings as the admin API takes them). */
  public void connectGoogle(String settings) {
    retryWhileTenantUnknown(
            () -> admin(Service.DIRECTORY_SYNC, "PUT", "/admin/v1/directory/google", settings))
        .expect(200);
  }

  /** Starts a Google sync run; answers its id. */
  public String startGoogleSync() {
    return admin(Service.DIRECTORY_SYNC, "POST", "/admin/v1/directory/google/sync", null)
        .expect(202)
        .json()
        .get("runId")
        .asText();
  }

  /** Waits (up to a minute) until a sync run is no longer running; answers it. */
  public com.fasterxml.jackson.databind.JsonNode awaitSyncRun(String runId) {
    return retryWhile(
            () ->
                admin(
                    Service.DIRECTORY_SYNC, "GET", "/admin/v1/directory/sync-runs/" + runId, null),
            answer ->
                answer.status() != 200 || "running".equals(answer.json().get("status").asText()),
            Duration.ofSeconds(60))
        .expect(200)
        .json();
  }

  /** A registered MFD of the tenant. */
  public Device registerDevice(String name) {
    var registered =
        retryWhileTenantUnknown(
            () ->
                admin(
                    Service.DEVICE_GATEWAY,
                    "POST",
                    "/admin/v1/devices",
                    "{\"name\":\"" + name + "\",\"location\":\"System tests\"}"));
    registered.expect(201);
    return system.device(registered.json().get("token").asText());
  }

  private static Api.Answer retryWhileTenantUnknown(Supplier<Api.Answer> call) {
    return retryWhile(call, answer -> answer.body().contains("unknown_tenant"), LEARNING);
  }

  /** Calls again every 100 ms while the answer is not yet the final one, up to {@code timeout}. */
  public static Api.Answer retryWhile(
      Supplier<Api.Answer> call, Predicate<Api.Answer> notYet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Api.Answer answer = call.get();
    while (notYet.test(answer) && System.nanoTime() < deadline) {
      Pause.of(Duration.ofMillis(100));
      answer = call.get();
    }
    return answer;
  }

  /** Where Entra sends SCIM requests for this tenant, and the bearer token it sends. */
  public record ScimEndpoint(String tenantUrl, String secretToken) {

    /** Provisions a user as a SCIM client does; with the PaperCut extension's code if given. */
    public Api.Answer createUser(String email, String displayName, String accessCode) {
      return createUser(email, displayName, accessCode, Map.of());
    }

    /** Searches users with a SCIM filter, as Entra does before it creates one. */
    public Api.Answer findUsers(String filter, Map<String, String> headers) {
      return Api.send(
          "GET",
          tenantUrl
              + "/Users?filter="
              + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"),
          secretToken,
          null,
          null,
          headers);
    }

    /** As {@link #createUser(String, String, String)}, with headers of the caller's own. */
    public Api.Answer createUser(
        String email, String displayName, String accessCode, Map<String, String> headers) {
      String code =
          accessCode == null
              ? ""
              : ",\"urn:ietf:params:scim:schemas:extension:papercut:2.0:User\":{\"accessCode\":\""
                  + accessCode
                  + "\"}";
      return Api.send(
          "POST",
          tenantUrl + "/Users",
          secretToken,
          "application/scim+json",
          """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
           "userName":"%1$s","displayName":"%2$s","active":true,
           "emails":[{"primary":true,"type":"work","value":"%1$s"}]%3$s}"""
              .formatted(email, displayName, code),
          headers);
    }
  }
}
