package io.lanyard.identity;

import io.lanyard.testsupport.HostileInputs;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the service's OpenAPI document, with inputs no client should send. */
@QuarkusTest
class HostileInputTest {

  @Test
  void everyOperationAnswersBadInputWithA4xxInItsOwnWords() throws Exception {
    new IdentityApiTest().tenants();
    HostileInputs.assertEveryOperationAnswersWell(
        "acme",
        path ->
            "Bearer "
                + (path.startsWith("/ops")
                    ? TestTokens.operator()
                    : path.startsWith("/internal")
                        ? TestTokens.service("directory-sync-service")
                        : TestTokens.admin("acme")));
  }
}
