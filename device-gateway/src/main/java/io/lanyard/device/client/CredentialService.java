package io.lanyard.device.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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
    if (failure instanceof WebApplicationException http && http.getResponse() != null) {
      Response response = http.getResponse();
      int status = response.getStatus();
      if (status >= 400 && status < 500 && status != 401 && status != 403) {
        Map<?, ?> body = errorBody(response);
        return new CardRegistration.Refused(
            status, String.valueOf(body.get("error")), String.valueOf(body.get("message")));
      }
      LOG.warnf("credential-service answered %d to a card registration", status);
      return new CardRegistration.Unavailable();
    }
    LOG.warnf("credential-service unreachable: %s", failure.toString());
    return new CardRegistration.Unavailable();
  }

  private static Map<?, ?> errorBody(Response response) {
    try {
      return response.readEntity(Map.class);
    } catch (RuntimeException e) {
      return Map.of("error", "refused", "message", "credential-service refused the card");
    }
  }
}
