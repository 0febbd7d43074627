package io.lanyard.identity.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Hands an import's codes and cards to credential-service ({@code batch-initial}), or asks it to
 * check them without writing ({@code dryRun}). Each user's refusal is that user's. A call that
 * fails as a whole leaves no line's fate known, so the import tries again: {@link Unavailable} when
 * credential-service is away (not reached, 502/503/504) or refuses this service's own token
 * (401/403, an operator's to fix): every import waits alike, however long; {@link Failed} for any
 * other answer it cannot use (another status, a body without results or not JSON): the worker
 * counts those against the import and gives it up after too many in a row.
 */
@ApplicationScoped
public class CredentialHandOver {

  /** credential-service takes at most this many users a call. */
  public static final int MOST_IN_A_CALL = 1000;

  private static final Logger LOG = Logger.getLogger(CredentialHandOver.class);

  /** One user's first code (or none) and card (or none). Its text shows neither. */
  public record FirstCredentials(String userId, String email, String code, String cardNumber) {

    @Override
    public String toString() {
      return "FirstCredentials[userId=" + userId + "]";
    }
  }

  /** credential-service could not be asked; try again later. Its message holds no secret. */
  public static class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * credential-service answered, but not with anything this call can use. Its message holds no
   * secret.
   */
  public static class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  /** Statuses of credential-service (or the proxy before it) being away, not of this call. */
  private static final Set<Integer> AWAY = Set.of(502, 503, 504);

  private final CredentialServiceClient credentials;

  CredentialHandOver(@RestClient CredentialServiceClient credentials) {
    this.credentials = credentials;
  }

  /**
   * @return the users credential-service refused, by user id, with its error code
   */
  public Uni<Map<String, String>> handOver(String tenantId, List<FirstCredentials> users) {
    return call(tenantId, users, null);
  }

  /** The same checks, nothing written: which users credential-service would refuse, and why. */
  public Uni<Map<String, String>> check(String tenantId, List<FirstCredentials> users) {
    return call(tenantId, users, Boolean.TRUE);
  }

  private Uni<Map<String, String>> call(
      String tenantId, List<FirstCredentials> users, Boolean dryRun) {
    if (users.size() > MOST_IN_A_CALL) {
      throw new IllegalArgumentException("at most " + MOST_IN_A_CALL + " users a call");
    }
    if (users.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<CredentialServiceClient.NewUserCredentials> body =
        users.stream()
            .map(
                user ->
                    new CredentialServiceClient.NewUserCredentials(
                        user.userId(), user.email(), user.code(), user.cardNumber()))
            .toList();
    return credentials
        .initialAll(tenantId, new CredentialServiceClient.NewUsersCredentials(dryRun, body))
        .onFailure()
        .transform(CredentialHandOver::unavailable)
        .map(
            answer -> {
              Map<String, String> refused = new HashMap<>();
              if (answer == null || answer.results() == null) {
                throw new Failed("credential-service answered batch-initial without results");
              }
              for (CredentialServiceClient.BatchResult result : answer.results()) {
                if (result != null && result.userId() != null && result.error() != null) {
                  refused.put(result.userId(), result.error());
                }
              }
              return refused;
            });
  }

  /**
   * A failed call, in words that hold no secret: the status (a refusal of this service's own token,
   * 401/403, is a misconfiguration an operator must fix) or the kind of failure.
   */
  private static Throwable unavailable(Throwable failure) {
    if (failure instanceof WebApplicationException http && http.getResponse() != null) {
      int status = http.getResponse().getStatus();
      if (status == 401 || status == 403) {
        LOG.errorf(
            "credential-service refused identity-service's own token (%d): check its client,"
                + " audience and credential-service's named callers",
            status);
        return new Unavailable("credential-service answered " + status);
      }
      if (AWAY.contains(status)) {
        return new Unavailable("credential-service answered " + status);
      }
      return new Failed("credential-service answered " + status);
    }
    if (unreadable(failure)) {
      return new Failed("credential-service's answer could not be read");
    }
    return new Unavailable(
        "credential-service could not be reached: " + failure.getClass().getSimpleName());
  }

  /** An answer that came but is not the JSON expected (the parser's exception, however wrapped). */
  private static boolean unreadable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof com.fasterxml.jackson.core.JacksonException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
