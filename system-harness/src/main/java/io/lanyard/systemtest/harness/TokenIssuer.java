package io.lanyard.systemtest.harness;

/**
 * Where a {@link LanyardSystem}'s tokens come from: the issuer its services trust, and the tokens
 * the tests' own API calls carry (the operator's, a tenant admin's).
 */
interface TokenIssuer {

  /** The services' {@code quarkus.oidc.auth-server-url}. */
  String url();

  String operatorToken();

  String adminToken(String tenant);
}
