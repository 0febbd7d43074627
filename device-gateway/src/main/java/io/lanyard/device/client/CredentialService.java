package io.lanyard.device.client;

import io.lanyard.runtime.client.RemoteRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * What the gateway asks of credential-service, with HTTP turned into answers the gateway decides
 * on: registered, refused (with credential-service's status and error code), or unavailable.
 */
@ApplicationScoped
public class CredentialService {

  private static final Logger LOG = Logger.getLogger(CredentialService.class);

  /** How a card registration at a device ended. */
  public sealed interface CardRegistration {
    record Registered(String userId, String cardId) implements CardRegistration {}

    record Refused(int status, String error, String message) implements CardRegistration {}

    record Unavailable() implements CardRegistration {}
  }

  private final CredentialServiceClient client;

  CredentialService(@RestClient CredentialServiceClient client) {
    this.client = client;
  }

  public Uni<CardRegistration> registerCardByCode(
      String tenantId, String code, String rawCardNumber, String deviceId) {
    return client
        .registerCardByCode(
            tenantId, new CredentialServiceClient.CardByCode(code, rawCardNumber, deviceId))
        .<CardRegistration>map(
            card -> new CardRegistration.Registered(card.userId(), card.cardId()))
        .onFailure()
        .recoverWithItem(CredentialService::answerTo);
  }

  private static CardRegistration answerTo(Throwable failure) {
    Optional<RemoteRefusal> refusal = RemoteRefusal.of(failure);
    if (refusal.isPresent()) {
      return new CardRegistration.Refused(
          refusal.get().status(), refusal.get().error(), refusal.get().message());
    }
    LOG.warnf("credential-service did not take a card registration: %s", failure.toString());
    return new CardRegistration.Unavailable();
  }
}
