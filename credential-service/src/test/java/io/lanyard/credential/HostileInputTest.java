package io.lanyard.credential;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.HostileInputs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of the service's OpenAPI document, with inputs no client should send. */
@QuarkusTest
class HostileInputTest {

  @Test
  void everyOperationAnswersBadInputWithA4xxInItsOwnWords() throws Exception {
    new CredentialApiTest().users();
    // identity-service, asked about the walk's made-up users, knows none of them.
    FakeServices.server()
        .stubFor(
            WireMock.post(WireMock.urlPathMatching("/internal/v1/tenants/[^/]+/users/existing"))
                .atPriority(100)
                .willReturn(WireMock.okJson("{\"ids\":[]}")));
    HostileInputs.assertEveryOperationAnswersWell("acme", HostileInputs.tokens("acme", Map.of()));
  }
}
