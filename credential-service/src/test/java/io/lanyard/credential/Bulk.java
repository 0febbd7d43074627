package io.lanyard.credential;

import static io.restassured.RestAssured.given;

import io.lanyard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Many users at once for the jobs' and the export's tests. Thousands of identity events through the
 * broker would take minutes, so the users are written into credential-service's copy of them
 * ({@code known_tenants}, {@code known_users}) as its feed would, and get their codes through
 * {@code batch-initial}, the way the CSV import gives them.
 */
final class Bulk {

  private Bulk() {}

  static void tenant(String tenant) throws Exception {
    try (Connection db = CodesOverTimeTest.db();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO known_tenants (id, status) VALUES (?, 'active')"
                    + " ON CONFLICT DO NOTHING")) {
      insert.setString(1, tenant);
      insert.executeUpdate();
    }
    // The feed fetches a new tenant's own key as it applies TenantCreated: so does this.
    io.quarkus.arc.Arc.container()
        .instance(io.lanyard.runtime.personal.TenantKeyCache.class)
        .get()
        .load(List.of(tenant))
        .await()
        .indefinitely();
  }

  /** {@code n} users of the tenant in {@code orgUnit}, as identity's events would describe them. */
  static List<String> users(String tenant, int n, String orgUnit, String origin, String status)
      throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection db = CodesOverTimeTest.db();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO known_users (id, tenant_id, email, status, username, display_name,"
                    + " org_unit, origin, kind) VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, 'person')")) {
      for (int i = 0; i < n; i++) {
        String id = UUID.randomUUID().toString();
        insert.setString(1, id);
        insert.setString(2, tenant);
        insert.setString(3, id + "@" + tenant + ".example");
        insert.setString(4, status);
        insert.setString(5, "u" + id.substring(0, 8));
        insert.setString(6, "User " + i);
        insert.setString(7, orgUnit);
        insert.setString(8, origin);
        insert.addBatch();
        ids.add(id);
      }
      insert.executeBatch();
    }
    return ids;
  }

  /** Generated first codes for the users, as an import gives them, 1,000 a call. */
  static void codes(String tenant, List<String> ids) {
    for (int from = 0; from < ids.size(); from += 1000) {
      List<Map<String, Object>> page = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + 1000))) {
        Map<String, Object> user = new HashMap<>();
        user.put("userId", id);
        page.add(user);
      }
      given()
          .auth()
          .oauth2(TestTokens.service("identity-service"))
          .contentType(ContentType.JSON)
          .body(Map.of("users", page))
          .post("/internal/v1/tenants/" + tenant + "/credentials/batch-initial")
          .then()
          .statusCode(200);
    }
  }

  /** A code the directory gives (source directory). */
  static void directoryCode(String tenant, String userId, String code) {
    given()
        .auth()
        .oauth2(TestTokens.service("directory-sync-service"))
        .contentType(ContentType.JSON)
        .body(Map.of("users", List.of(Map.of("userId", userId, "code", code))))
        .post("/internal/v1/tenants/" + tenant + "/credentials/batch-initial")
        .then()
        .statusCode(200)
        .body("results[0].error", org.hamcrest.Matchers.nullValue());
  }
}
