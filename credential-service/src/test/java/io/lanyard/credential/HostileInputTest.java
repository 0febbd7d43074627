package io.lanyard.credential;

import io.lanyard.testsupport.HostileInputs;
import io.lanyard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the service's OpenAPI document, with inputs no client should send. */
@QuarkusTest
class HostileInputTest {

  @Test
  void everyOperationAnswersBadInputWithA4xxInItsOwnWords() throws Exception {
    new CredentialApiTest().users();
    HostileInputs.assertEveryOperationAnswersWell(
        "acme",
        path ->
            "Bearer "
                + (path.startsWith("/ops")
                    ? TestTokens.operator()
                    : path.contains("/cards/by-code")
                        ? TestTokens.service("device-gateway")
                        : path.startsWith("/internal")
                            ? TestTokens.service("directory-sync-service")
                            : path.startsWith("/me")
                                ? TestTokens.user("acme")
                                : TestTokens.admin("acme")));
  }
}
