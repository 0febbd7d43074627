package io.lanyard.directory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lanyard.directory.domain.ScimTokenEvent.ScimTokenIssued;
import io.lanyard.directory.domain.ScimTokenEvent.ScimTokenRevoked;
import io.lanyard.kernel.DomainException;
import io.lanyard.testsupport.AggregateScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant's SCIM token: one works at a time, issuing replaces, revoking needs one to revoke. */
class ScimTokenAggregateTest {

  private static final String TENANT = "tenant-a";

  private final AggregateScenario<ScimToken, ScimTokenEvent> token =
      AggregateScenario.of(ScimToken::fold);

  @Test
  void aFirstTokenIsIssued() {
    token
        .given()
        .when(t -> t.issue(TENANT, "hash-1", "admin"))
        .then(new ScimTokenIssued(TENANT, "hash-1", "admin"));
  }

  @Test
  void issuingAgainReplacesTheOldToken() {
    token
        .given(new ScimTokenIssued(TENANT, "hash-1", "admin"))
        .when(t -> t.issue(TENANT, "hash-2", "other-admin"))
        .then(new ScimTokenIssued(TENANT, "hash-2", "other-admin"));
    assertEquals(
        "hash-2",
        ScimToken.fold(
                List.of(
                    new ScimTokenIssued(TENANT, "hash-1", "admin"),
                    new ScimTokenIssued(TENANT, "hash-2", "other-admin")))
            .tokenHash(),
        "only the newest token works");
  }

  @Test
  void anIssuedTokenIsRevoked() {
    token
        .given(new ScimTokenIssued(TENANT, "hash-1", "admin"))
        .when(t -> t.revoke(TENANT, "admin"))
        .then(new ScimTokenRevoked(TENANT, "admin"));
    assertNull(
        ScimToken.fold(
                List.of(
                    new ScimTokenIssued(TENANT, "hash-1", "admin"),
                    new ScimTokenRevoked(TENANT, "admin")))
            .tokenHash(),
        "a revoked token no longer works");
  }

  @Test
  void revokingWithoutATokenIsRefused() {
    DomainException refusal =
        token
            .given()
            .when(t -> t.revoke(TENANT, "admin"))
            .thenRefused(DomainException.class, "not_found");
    assertEquals(DomainException.Kind.NOT_FOUND, refusal.kind());
  }

  @Test
  void revokingTwiceIsRefused() {
    token
        .given(
            new ScimTokenIssued(TENANT, "hash-1", "admin"), new ScimTokenRevoked(TENANT, "admin"))
        .when(t -> t.revoke(TENANT, "admin"))
        .thenRefused(DomainException.class, "not_found");
  }

  @Test
  void aTokenIsIssuedAgainAfterARevocation() {
    token
        .given(
            new ScimTokenIssued(TENANT, "hash-1", "admin"), new ScimTokenRevoked(TENANT, "admin"))
        .when(t -> t.issue(TENANT, "hash-2", "admin"))
        .then(new ScimTokenIssued(TENANT, "hash-2", "admin"));
  }
}
