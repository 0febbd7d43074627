package io.lanyard.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lanyard.testsupport.FakeServices;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SCIM create that failed half-way (identity-service created the user, then died before the
 * create could set the code or remove the user again) answered 503; Entra's retry of the same
 * request finishes that user and answers 201, and only once: the same create again is a duplicate.
 */
@QuarkusTest
class ScimCreateRetryTest {

  WireMockServer owners = FakeServices.server();

  @BeforeEach
  void setUp() throws Exception {
    new ScimUsersWriteTest().setUp();
  }

  @Test
  void aRetriedCreateFinishesTheUserAFailedOneLeftAndOnlyOnce() {
    String userName = "retry-" + UUID.randomUUID() + "@acme.example";
    String externalId = "ext-" + userName;
    String userId = UUID.randomUUID().toString();
    String upsert = "/internal/v1/tenants/acme/users/by-external-id/scim/" + externalId;
    String initialCode = "/internal/v1/tenants/acme/credentials/" + userId + "/initial-code";

    // identity-service created the user and died: the code cannot be set, the user not removed.
    owners.stubFor(
        put(urlEqualTo(upsert))
            .atPriority(1)
            .willReturn(ScimUsersWriteTest.userAnswer(201, userId, externalId, "active", "1")));
    owners.stubFor(
        post(urlEqualTo(initialCode)).atPriority(1).willReturn(aResponse().withStatus(503)));
    owners.stubFor(
        delete(urlEqualTo("/internal/v1/tenants/acme/users/" + userId))
            .atPriority(1)
            .willReturn(aResponse().withStatus(503)));
    ScimUsersWriteTest.create(userName, "R3TRY7").then().statusCode(503);

    // Back: identity-service finds the user by externalId (200, not 201), the code can be set.
    owners.stubFor(
        put(urlEqualTo(upsert))
            .atPriority(1)
            .willReturn(ScimUsersWriteTest.userAnswer(200, userId, externalId, "active", "1")));
    owners.stubFor(
        post(urlEqualTo(initialCode))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));
    ScimUsersWriteTest.create(userName, "R3TRY7")
        .then()
        .statusCode(201)
        .body("id", equalTo(userId))
        .body("externalId", equalTo(externalId));
    owners.verify(
        2,
        postRequestedFor(urlEqualTo(initialCode))
            .withRequestBody(equalToJson("{\"code\":\"R3TRY7\"}", true, true)));

    // Finished: the same create once more is a user that exists.
    ScimUsersWriteTest.create(userName, "R3TRY7")
        .then()
        .statusCode(409)
        .body("scimType", equalTo("uniqueness"));
  }
}
