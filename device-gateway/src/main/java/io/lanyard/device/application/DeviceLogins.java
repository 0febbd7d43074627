package io.lanyard.device.application;

import static io.lanyard.device.application.DeviceRequestChecks.input;

import io.lanyard.device.client.CredentialService;
import io.lanyard.device.client.CredentialService.CardRegistration;
import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.infra.DeviceMetrics;
import io.lanyard.device.infra.LockoutMirror;
import io.lanyard.device.infra.LockoutStore;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.DeviceEntry;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.LoginModel.CodeMatch;
import io.lanyard.device.model.UserEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * A login at a device by code or card, and a card registered there. Answers come from the login
 * model; the database is written only for failures and for the first success of a device with
 * failures to forget (lockouts are shared by every replica).
 *
 * <p>"Now" is the injected clock's, read once per attempt: the lockout and a code's or guest's
 * window are decided at the same instant (ADR 6: the gateway decides expiry from its own clock).
 */
@ApplicationScoped
public class DeviceLogins {

  private static final Logger LOG = Logger.getLogger(DeviceLogins.class);
  private static final Duration CARD_VISIBLE_WITHIN = Duration.ofSeconds(3);

  /** credential-service's error for a code that is no one's; a failure like any other here. */
  private static final String UPSTREAM_INVALID_CODE = "invalid_code";

  /** credential-service's error for an expired code (its clock ran ahead of this replica's). */
  private static final String UPSTREAM_CODE_EXPIRED = "code_expired";

  private final CurrentLoginModel model;
  private final DeviceRequestChecks checks;
  private final CredentialLookup lookup;
  private final LockoutMirror mirror;
  private final LockoutStore lockouts;
  private final CredentialService credentials;
  private final Clock clock;
  private final DeviceMetrics metrics;

  DeviceLogins(
      CurrentLoginModel model,
      DeviceRequestChecks checks,
      CredentialLookup lookup,
      LockoutMirror mirror,
      LockoutStore lockouts,
      CredentialService credentials,
      Clock clock,
      DeviceMetrics metrics) {
    this.metrics = metrics;
    this.model = model;
    this.checks = checks;
    this.lookup = lookup;
    this.mirror = mirror;
    this.lockouts = lockouts;
    this.credentials = credentials;
    this.clock = clock;
  }

  public Uni<LoginOutcome> byCode(DeviceEntry device, String code) {
    return attempt(
        device,
        checks.refusal(input("code", code)),
        (lockout, now) -> {
          CodeMatch match = lookup.userByCode(device.tenant(), code, now.toEpochMilli());
          if (match instanceof CodeMatch.Owner owner) {
            return succeeded(device, lockout, now, owner.user());
          }
          return refusedCode(device, now, (CodeMatch.Refused) match);
        });
  }

  public Uni<LoginOutcome> byCard(DeviceEntry device, String rawCardNumber) {
    return attempt(
        device,
        checks.refusal(input("cardNumber", rawCardNumber)),
        (lockout, now) -> {
          CardMatch match = lookup.userByCard(device.tenant(), rawCardNumber, now.toEpochMilli());
          if (match instanceof CardMatch.Owner owner) {
            return succeeded(device, lockout, now, owner.user());
          }
          if (match instanceof CardMatch.Inactive) {
            return outcome(new Refusal.UserInactive());
          }
          return failed(device, "card", now, new Refusal.CardNotRegistered());
        });
  }

  /**
   * A card swiped after typing a code: credential-service registers it to the code's owner, and the
   * answer waits until this replica's model holds the card, so the next swipe logs in.
   */
  public Uni<LoginOutcome> registerCard(DeviceEntry device, String code, String rawCardNumber) {
    return attempt(
        device,
        checks.refusal(input("code", code), input("cardNumber", rawCardNumber)),
        (lockout, now) -> {
          CodeMatch match = lookup.userByCode(device.tenant(), code, now.toEpochMilli());
          if (!(match instanceof CodeMatch.Owner owner)) {
            return refusedCode(device, now, (CodeMatch.Refused) match);
          }
          return credentials
              .registerCardByCode(device.tenant().id(), code, rawCardNumber, device.id())
              .chain(registration -> registered(device, lockout, now, owner.user(), registration));
        });
  }

  /**
   * A code that logs no one in counts as a failure towards the device's lockout, expired or not.
   * {@code code_expired} tells whoever typed it that the code was once someone's; were that answer
   * free, a device could probe for such codes beyond the lockout's budget. The user who types their
   * own expired code is told why each time, well before five tries lock the device.
   */
  private Uni<LoginOutcome> refusedCode(DeviceEntry device, Instant now, CodeMatch.Refused match) {
    Refusal refusal =
        match == CodeMatch.Refused.CODE_EXPIRED
            ? new Refusal.CodeExpired()
            : new Refusal.InvalidCode();
    return failed(device, "code", now, refusal);
  }

  private Uni<LoginOutcome> registered(
      DeviceEntry device,
      DeviceLockout lockout,
      Instant now,
      UserEntry user,
      CardRegistration registration) {
    if (registration instanceof CardRegistration.Registered card) {
      return cardVisible(card).chain(() -> succeeded(device, lockout, now, user));
    }
    if (registration instanceof CardRegistration.Refused refused) {
      if (UPSTREAM_INVALID_CODE.equals(refused.error())) {
        return failed(device, "code", now, new Refusal.InvalidCode());
      }
      if (UPSTREAM_CODE_EXPIRED.equals(refused.error())) {
        return failed(device, "code", now, new Refusal.CodeExpired());
      }
      return outcome(
          new Refusal.CardRegistrationRefused(
              refused.status(), refused.error(), refused.message()));
    }
    return outcome(new Refusal.CredentialServiceUnavailable());
  }

  /** Refused before anything is looked up, or while the device is locked; else {@code login}. */
  private Uni<LoginOutcome> attempt(
      DeviceEntry device,
      Optional<Refusal> refused,
      BiFunction<DeviceLockout, Instant, Uni<LoginOutcome>> login) {
    if (refused.isPresent()) {
      return outcome(refused.get());
    }
    Instant now = clock.instant();
    DeviceLockout lockout = mirror.of(device.toUuid());
    Optional<Duration> locked = lockout.retryAfter(now);
    if (locked.isPresent()) {
      return outcome(new Refusal.TooManyAttempts(locked.get()));
    }
    return login.apply(lockout, now);
  }

  private Uni<Void> cardVisible(CardRegistration.Registered card) {
    Key128 user = Key128.ofUuid(card.userId());
    Key128 cardId = Key128.ofUuid(card.cardId());
    return Uni.createFrom()
        .item(() -> model.get().hasCard(user, cardId))
        .repeat()
        .withDelay(Duration.ofMillis(5))
        // whilst, not until: until drops the item that ends the repetition, so the first "not yet"
        // would have answered at once.
        .whilst(visible -> !visible)
        .collect()
        .last()
        .ifNoItem()
        .after(CARD_VISIBLE_WITHIN)
        .recoverWithItem(
            () -> {
              LOG.warnf(
                  "card %s registered but not in the model after %s",
                  card.cardId(), CARD_VISIBLE_WITHIN);
              return true;
            })
        .replaceWithVoid();
  }

  private Uni<LoginOutcome> succeeded(
      DeviceEntry device, DeviceLockout lockout, Instant now, UserEntry user) {
    LoginOutcome loggedIn = new LoginOutcome.LoggedIn(LoginAnswer.of(user));
    if (!lockout.successChanges(now, lockouts.policy())) {
      return outcome(loggedIn);
    }
    // A success forgets the failures, unless the device got locked meanwhile (another replica).
    return lockouts
        .succeeded(device.toUuid(), device.tenant().id(), now)
        .map(locked -> locked.<LoginOutcome>map(Refusal.TooManyAttempts::new).orElse(loggedIn));
  }

  /** Counts the failure; the answer is {@code refusal}, or the lock it led to, after its delay. */
  private Uni<LoginOutcome> failed(DeviceEntry device, String kind, Instant now, Refusal refusal) {
    return lockouts
        .failed(device.toUuid(), device.tenant().id(), kind, now)
        .chain(
            failure -> {
              // The device was not locked when this attempt began (attempt refuses then): a lock
              // now is this failure's.
              failure.lockout().lockedBecause(now).ifPresent(metrics::locked);
              Refusal answer =
                  failure
                      .lockout()
                      .retryAfter(now)
                      .<Refusal>map(Refusal.TooManyAttempts::new)
                      .orElse(refusal);
              if (failure.delay().isZero()) {
                return outcome(answer);
              }
              return outcome(answer).onItem().delayIt().by(failure.delay());
            });
  }

  private static Uni<LoginOutcome> outcome(LoginOutcome outcome) {
    return Uni.createFrom().item(outcome);
  }
}
