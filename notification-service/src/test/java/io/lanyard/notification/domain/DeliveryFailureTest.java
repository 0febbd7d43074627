package io.lanyard.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class DeliveryFailureTest {

  @Test
  void theMailServersStatusCodesStayAndNothingOfItsTextDoes() {
    assertEquals(
        "IllegalStateException: SMTP 550 5.1.1",
        DeliveryFailure.describe(
            new IllegalStateException(
                "550 5.1.1 <Zed.Quorra@proof.example>: Recipient address rejected")));
    assertEquals(
        "IllegalStateException: SMTP 552",
        DeliveryFailure.describe(
            new IllegalStateException("552 mailbox of \"Zed Quorra\" <zed.quorra> is full")));
  }

  @Test
  void aFailureWithoutAStatusIsItsKind() {
    assertEquals("SocketTimeoutException", DeliveryFailure.describe(new SocketTimeoutException()));
    assertEquals(
        "IllegalStateException",
        DeliveryFailure.describe(new IllegalStateException("could not reach zed.quorra's host")));
  }
}
