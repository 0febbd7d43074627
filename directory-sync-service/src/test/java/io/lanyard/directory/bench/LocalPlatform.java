package io.lanyard.directory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The system {@code ./lanyard up} runs, driven through its public APIs: a tenant of the benchmark's
 * own, with an admin in Keycloak, its invitations off, and a SCIM token.
 */
final class LocalPlatform {

  static final String KEYCLOAK = "http://127.0.0.1:8180";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  JsonNode call(String method, String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  String password(String realm, String client, String username, String password)
      throws IOException, InterruptedException {
    String form =
        Map.of(
                "grant_type", "password",
                "client_id", client,
                "username", username,
                "password", password)
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(KEYCLOAK + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Keycloak refused " + username + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  /**
   * A tenant of the benchmark's own and an admin token for it (a Keycloak user with its tenant).
   */
  String tenantAdmin(String tenant) throws IOException, InterruptedException {
    String operator = password("lanyard", "lanyard-cli", "operator", "lanyard");
    call(
        "POST",
        "http://127.0.0.1:8081/ops/v1/tenants",
        operator,
        "{\"id\":\"" + tenant + "\",\"name\":\"SCIM benchmark\"}");
    String master = password("master", "admin-cli", "admin", "admin");
    String users = KEYCLOAK + "/admin/realms/lanyard/users";
    call(
        "POST",
        users,
        master,
        ("{\"username\":\"%s-admin\",\"enabled\":true,\"email\":\"admin@%s.example\",\"emailVerified\":true,"
                + "\"firstName\":\"Bench\",\"lastName\":\"Admin\",\"attributes\":{\"tenant_id\":[\"%s\"]},"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"lanyard\",\"temporary\":false}]}")
            .formatted(tenant, tenant, tenant));
    String id =
        call("GET", users + "?exact=true&username=" + tenant + "-admin", master, null)
            .get(0)
            .get("id")
            .asText();
    JsonNode role =
        call("GET", KEYCLOAK + "/admin/realms/lanyard/roles/lanyard-admin", master, null);
    call("POST", users + "/" + id + "/role-mappings/realm", master, "[" + role + "]");
    return password("lanyard", "lanyard-cli", tenant + "-admin", "lanyard");
  }
}
