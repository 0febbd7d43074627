package io.lanyard.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeliveryFailureTest {

  @Test
  void theMailServersAnswerKeepsItsWordsAndLosesEveryAddress() {
    assertEquals(
        "IllegalStateException: 550 5.1.1 [address]: Recipient address rejected; from [address]",
        DeliveryFailure.describe(
            new IllegalStateException(
                "550 5.1.1 <Zed.Quorra@proof.example>: Recipient address rejected;"
                    + " from noreply@lanyard.example")));
  }

  @Test
  void aFailureWithoutMessageIsItsKind() {
    assertEquals(
        "SocketTimeoutException", DeliveryFailure.describe(new java.net.SocketTimeoutException()));
  }
}
