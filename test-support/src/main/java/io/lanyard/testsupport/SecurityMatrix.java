package io.lanyard.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.util.List;

/**
 * Every protected call of a service, refused as DESIGN.md says: 401 {@code unauthorized} without a
 * token, 403 {@code forbidden} with the wrong role, both with the JSON error body. The wrong role
 * for an admin path is a plain user's token; for an operator or internal path, an admin's.
 */
public final class SecurityMatrix {

  /** A method and a path. */
  public record Call(String method, String path) {}

  private SecurityMatrix() {}

  public static void assertRefused(List<Call> calls) {
    for (Call call : calls) {
      given()
          .contentType(ContentType.JSON)
          .body("{}")
          .request(call.method(), call.path())
          .then()
          .statusCode(401)
          .body("error", equalTo("unauthorized"));
      String wrongRole =
          call.path().startsWith("/admin") ? TestTokens.user("acme") : TestTokens.admin("acme");
      given()
          .auth()
          .oauth2(wrongRole)
          .contentType(ContentType.JSON)
          .body("{}")
          .request(call.method(), call.path())
          .then()
          .statusCode(403)
          .body("error", equalTo("forbidden"));
    }
  }
}
