package io.lanyard.directory.client;

import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.directory.client.IdentityServiceClient.Profile;
import io.lanyard.directory.client.IdentityServiceClient.User;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.client.RemoteRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The writes a directory makes in the services that own users and credentials. Their refusals
 * become {@link DomainException}s (invalid, not found, conflict) with their error code; a service
 * that does not answer is {@link Unavailable}.
 */
@ApplicationScoped
public class DirectoryWrites {

  private static final Logger LOG = Logger.getLogger(DirectoryWrites.class);
  private static final Duration USER_PROPAGATION = Duration.ofSeconds(10);

  /** identity-service or credential-service did not answer: nothing can be promised. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String service, Throwable cause) {
      super(service + " is unavailable", cause);
    }
  }

  /** A directory user created, or found by their external id. */
  public record Upserted(User user, boolean created) {}

  private final IdentityServiceClient identity;
  private final CredentialServiceClient credentials;

  DirectoryWrites(
      @RestClient IdentityServiceClient identity, @RestClient CredentialServiceClient credentials) {
    this.identity = identity;
    this.credentials = credentials;
  }

  /**
   * @param origin the directory the user comes from
   */
  public Uni<Upserted> upsert(
      String tenantId, DirectoryLink.Source origin, String externalId, Profile profile) {
    return identity
        .upsert(tenantId, origin(origin), externalId, profile)
        .map(response -> new Upserted(response.readEntity(User.class), response.getStatus() == 201))
        .onFailure()
        .transform(failure -> translate("identity-service", failure));
  }

  public Uni<User> replace(String tenantId, String userId, Profile profile) {
    return identity
        .replace(tenantId, userId, profile)
        .onFailure()
        .transform(failure -> translate("identity-service", failure));
  }

  public Uni<User> active(String tenantId, String userId, boolean active) {
    return (active ? identity.reactivate(tenantId, userId) : identity.suspend(tenantId, userId))
        .onFailure()
        .transform(failure -> translate("identity-service", failure));
  }

  public Uni<Void> delete(String tenantId, String userId) {
    return identity
        .delete(tenantId, userId)
        .onFailure()
        .transform(failure -> translate("identity-service", failure));
  }

  /** A page of a directory's new users created together: per user, created, there, or refused. */
  public Uni<List<IdentityServiceClient.BatchResult>> createAll(
      String tenantId, DirectoryLink.Source origin, List<IdentityServiceClient.NewUser> users) {
    return identity
        .createAll(tenantId, origin(origin), new IdentityServiceClient.NewUsers(users))
        .map(IdentityServiceClient.BatchResults::results)
        .onFailure()
        .transform(failure -> translate("identity-service", failure));
  }

  /** First codes and directory cards of a page of new users: per user, done or refused. */
  public Uni<List<CredentialServiceClient.BatchResult>> initialAll(
      String tenantId, List<CredentialServiceClient.NewUserCredentials> users) {
    return credentials
        .initialAll(tenantId, new CredentialServiceClient.NewUsersCredentials(users))
        .map(CredentialServiceClient.BatchResults::results)
        .onFailure()
        .transform(failure -> translate("credential-service", failure));
  }

  /**
   * The first code of a new user: the directory's, or a generated one ({@code code} null). The
   * user's email tells credential-service of the new user at once, without waiting for identity's
   * topic; should it still not know the user (its tenant not seen yet), the command is tried again.
   */
  public Uni<Void> initialCode(String tenantId, String userId, String code, String email) {
    return credentials
        .initialCode(tenantId, userId, new CredentialServiceClient.InitialCode(code, email))
        .onFailure()
        .transform(failure -> translate("credential-service", failure))
        .onFailure(DirectoryWrites::userNotKnownYet)
        .retry()
        .withBackOff(Duration.ofMillis(20), Duration.ofMillis(500))
        .expireIn(USER_PROPAGATION.toMillis());
  }

  private static boolean userNotKnownYet(Throwable failure) {
    return failure instanceof DomainException refused
        && refused.kind() == DomainException.Kind.NOT_FOUND;
  }

  /** The directory's code; null: the directory removed it (a new one is generated and emailed). */
  public Uni<Void> directoryCode(String tenantId, String userId, String code) {
    return credentials
        .directoryCode(tenantId, userId, new CredentialServiceClient.Code(code))
        .onFailure()
        .transform(failure -> translate("credential-service", failure));
  }

  /** The directory's card; null removes it. */
  public Uni<Void> directoryCard(String tenantId, String userId, String cardNumber) {
    return credentials
        .directoryCard(tenantId, userId, new CredentialServiceClient.Card(cardNumber))
        .onFailure()
        .transform(failure -> translate("credential-service", failure));
  }

  private static Throwable translate(String service, Throwable failure) {
    return RemoteRefusal.of(failure)
        .<Throwable>map(
            refusal ->
                switch (refusal.status()) {
                  case 404 -> DomainException.notFound("user");
                  case 409 -> DomainException.conflict(refusal.error(), refusal.message());
                  default -> DomainException.invalid(refusal.error(), refusal.message());
                })
        .orElseGet(
            () -> {
              LOG.warnf("%s did not answer: %s", service, failure.toString());
              return new Unavailable(service, failure);
            });
  }

  /** identity-service names a user's origin as its events do. */
  private static String origin(DirectoryLink.Source directory) {
    return WireValues.of(
        switch (directory) {
          case SCIM -> UserCreatedV1.Origin.SCIM;
          case GOOGLE -> UserCreatedV1.Origin.GOOGLE;
        });
  }
}
