package io.lanyard.identity;

import io.lanyard.testsupport.HostileInputs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of the service's OpenAPI document, with inputs no client should send. */
@QuarkusTest
class HostileInputTest {

  @Test
  void everyOperationAnswersBadInputWithA4xxInItsOwnWords() throws Exception {
    new IdentityApiTest().tenants();
    HostileInputs.assertEveryOperationAnswersWell("acme", HostileInputs.tokens("acme", Map.of()));
  }
}
