package io.lanyard.credential;

import static io.lanyard.credential.IdentityFeedTest.person;
import static io.lanyard.credential.IdentityFeedTest.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.secrets.TenantKeyUnavailable;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.RowScan;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, a tenant's exit (ADR 7), as credential-service applies {@code TenantErased}: every row
 * it holds of the tenant goes (people, codes, cards, policy), the tenant's key leaves its memory,
 * no later event of the tenant writes anything again, and the neighbour keeps everything.
 */
@QuarkusTest
class TenantErasureTest {

  @Inject TenantKeyCache tenantKeys;

  private static String tenant(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String created(String tenant) throws Exception {
    publish(
        IdentityEvents.TENANT_CREATED,
        tenant,
        1,
        tenant,
        "{\"tenantId\":\"" + tenant + "\",\"name\":\"" + tenant + "\"}");
    String user = UUID.randomUUID().toString();
    publish(IdentityEvents.USER_CREATED, user, 1, tenant, person(user, tenant, "Zyx" + tenant));
    return user;
  }

  @Test
  void aTenantErasedLeavesNoRowHereAndNoLaterEventOfItWritesOne() throws Exception {
    String leaving = tenant("exit-");
    String neighbour = tenant("stay-");
    String gone = created(leaving);
    created(neighbour);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RowScan.publicTablesMentioning(leaving)
                        .containsAll(List.of("known_users", "access_codes"))
                    && RowScan.publicTablesMentioning(neighbour).contains("access_codes"));
    List<String> neighbourTables = RowScan.publicTablesMentioning(neighbour);
    assertTrue(tenantKeys.keyOf(leaving).isPresent());

    FakeDataKeys.eraseTenant(leaving);
    publish(
        IdentityEvents.TENANT_ERASED,
        leaving,
        3,
        leaving,
        "{\"tenantId\":\"" + leaving + "\",\"erasedBy\":\"operator\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> RowScan.publicTablesMentioning(leaving).isEmpty());
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                TenantKeyUnavailable.class, () -> tenantKeys.keyOf(leaving))
            .erased(),
        "its key is gone from memory");

    // Later events of the tenant (a republication, a late producer) write nothing again.
    publish(
        IdentityEvents.TENANT_CREATED,
        leaving,
        4,
        leaving,
        "{\"tenantId\":\"" + leaving + "\",\"name\":\"again\"}");
    publish(IdentityEvents.USER_CREATED, gone, 5, leaving, person(gone, leaving, "Zyx" + leaving));
    publish(
        IdentityEvents.TENANT_CREATED,
        neighbour,
        2,
        neighbour,
        "{\"tenantId\":\"" + neighbour + "\",\"name\":\"later\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> IdentityFeedTest.appliedVersion(neighbour) >= 2);
    assertEquals(List.of(), RowScan.publicTablesMentioning(leaving));
    assertEquals(
        neighbourTables, RowScan.publicTablesMentioning(neighbour), "the neighbour keeps all");
    given()
        .auth()
        .oauth2(TestTokens.admin(leaving))
        .get("/admin/v1/credential-policy")
        .then()
        .statusCode(403);
    assertFalse(RowScan.publicTablesMentioning(neighbour).isEmpty());
  }
}
