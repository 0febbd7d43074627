package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which Lanyard user a signed-in person is. A person is their identity provider's subject: once
 * linked, the subject alone decides, so an email changed at the provider moves nothing. The first
 * link (and a re-link, when an account was recreated at the provider) needs the provider to vouch
 * for the email ({@code email_verified}); an unverified email never links.
 */
public final class PersonBinding {

  /** A user as credential-service knows them. */
  public record KnownUser(UUID id, String status) {

    public boolean deleted() {
      return "deleted".equals(status);
    }

    boolean active() {
      return "active".equals(status);
    }
  }

  /** The user to serve, and whether the subject must be (re-)linked to them first. */
  public record Decision(UUID userId, boolean link) {}

  private PersonBinding() {}

  /**
   * @param linked the user this subject is linked to, if any
   * @param emailVerified whether the token vouches for its email
   * @param byEmail the tenant's user with the token's email, if any (needed unless the subject is
   *     linked to a user that is not deleted)
   */
  public static Decision decide(
      Optional<KnownUser> linked, boolean emailVerified, Optional<KnownUser> byEmail) {
    // A link to a deleted user is spent: the person may be someone's new user by their email.
    Optional<KnownUser> current = linked.filter(user -> !user.deleted());
    if (current.isPresent()) {
      return new Decision(usable(current.get()).id(), false);
    }
    Optional<KnownUser> byVerifiedEmail =
        emailVerified ? byEmail.filter(found -> !found.deleted()) : Optional.empty();
    if (byVerifiedEmail.isPresent()) {
      return new Decision(usable(byVerifiedEmail.get()).id(), true);
    }
    if (linked.isPresent()) {
      throw inactive();
    }
    if (!emailVerified) {
      throw DomainException.forbidden(
          "email_not_verified",
          "your email address is not verified by your identity provider; verify it, then sign in"
              + " again");
    }
    if (byEmail.isPresent()) {
      throw inactive();
    }
    throw DomainException.notFound("user");
  }

  private static KnownUser usable(KnownUser user) {
    if (!user.active()) {
      throw inactive();
    }
    return user;
  }

  private static DomainException inactive() {
    return DomainException.forbidden("user_inactive", "your Lanyard user is suspended or deleted");
  }
}
