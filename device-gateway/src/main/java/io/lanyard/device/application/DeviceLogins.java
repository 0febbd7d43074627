package io.lanyard.device.application;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.client.CredentialService;
import io.lanyard.device.client.CredentialService.CardRegistration;
import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.domain.ReminderLimit;
import io.lanyard.device.infra.LockoutMirror;
import io.lanyard.device.infra.LockoutStore;
import io.lanyard.device.infra.ModelFeed;
import io.lanyard.device.infra.ReminderRateStore;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.DeviceEntry;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.device.model.UserEntry;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.secrets.SecretHasher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What a device asks: who has this code or card, register this card, remind this address. Answers
 * come from the login model; the database is written only for failures, for the first success of a
 * device with failures to forget (lockouts are shared by every replica), and for reminders.
 */
@ApplicationScoped
public class DeviceLogins {

  private static final Logger LOG = Logger.getLogger(DeviceLogins.class);
  private static final int MAX_INPUT = 128;
  private static final Duration CARD_VISIBLE_WITHIN = Duration.ofSeconds(3);

  private final CurrentLoginModel model;
  private final ModelFeed feed;
  private final LockoutMirror mirror;
  private final LockoutStore lockouts;
  private final SecretHasher hasher;
  private final CredentialService credentials;
  private final ReminderCommands reminders;
  private final ReminderRateStore reminderRate;
  private final Clock clock;

  DeviceLogins(
      CurrentLoginModel model,
      ModelFeed feed,
      LockoutMirror mirror,
      LockoutStore lockouts,
      SecretHasher hasher,
      CredentialService credentials,
      ReminderCommands reminders,
      ReminderRateStore reminderRate,
      Clock clock) {
    this.model = model;
    this.feed = feed;
    this.mirror = mirror;
    this.lockouts = lockouts;
    this.hasher = hasher;
    this.credentials = credentials;
    this.reminders = reminders;
    this.reminderRate = reminderRate;
    this.clock = clock;
  }

  public Uni<LoginAnswer> byCode(DeviceEntry device, String code) {
    requireReady();
    required(code, "code");
    Instant now = clock.instant();
    DeviceLockout lockout = refuseIfLocked(device, now);
    Optional<UserEntry> user = userByCode(device.tenant(), code);
    if (user.isEmpty()) {
      return failed(device, "code", now, DeviceLogins::invalidCode);
    }
    return succeeded(device, lockout, now, user.get());
  }

  public Uni<LoginAnswer> byCard(DeviceEntry device, String rawCardNumber) {
    requireReady();
    required(rawCardNumber, "cardNumber");
    Instant now = clock.instant();
    DeviceLockout lockout = refuseIfLocked(device, now);
    CardMatch match = userByCard(device.tenant(), rawCardNumber);
    if (match instanceof CardMatch.Owner owner) {
      return succeeded(device, lockout, now, owner.user());
    }
    if (match instanceof CardMatch.Inactive) {
      return Uni.createFrom()
          .failure(
              ApiException.unauthorized("user_inactive", "the card's owner may not log in now"));
    }
    return failed(
        device,
        "card",
        now,
        () -> new ApiException(404, "card_not_registered", "no user of this tenant has this card"));
  }

  /**
   * A card swiped after typing a code: credential-service registers it to the code's owner, and the
   * answer waits until this replica's model holds the card, so the next swipe logs in.
   */
  public Uni<LoginAnswer> registerCard(DeviceEntry device, String code, String rawCardNumber) {
    requireReady();
    required(code, "code");
    required(rawCardNumber, "cardNumber");
    Instant now = clock.instant();
    DeviceLockout lockout = refuseIfLocked(device, now);
    Optional<UserEntry> user = userByCode(device.tenant(), code);
    if (user.isEmpty()) {
      return failed(device, "code", now, DeviceLogins::invalidCode);
    }
    return credentials
        .registerCardByCode(device.tenant().id(), code, rawCardNumber, device.id())
        .chain(
            registration -> {
              if (registration instanceof CardRegistration.Registered card) {
                return cardVisible(card).chain(() -> succeeded(device, lockout, now, user.get()));
              }
              if (registration instanceof CardRegistration.Refused refused) {
                if ("invalid_code".equals(refused.error())) {
                  return failed(device, "code", now, DeviceLogins::invalidCode);
                }
                return Uni.createFrom()
                    .failure(
                        new ApiException(refused.status(), refused.error(), refused.message()));
              }
              return Uni.createFrom()
                  .failure(
                      new ApiException(
                          503,
                          "credential_service_unavailable",
                          "cards cannot be registered right now; try again shortly"));
            });
  }

  /**
   * Always the same answer within the device's rate: whether the address is a user's is for
   * notification-service alone. The rate is the device's, whatever the address, and is taken before
   * anything is appended: a device over it adds no stream.
   */
  public Uni<Void> remind(DeviceEntry device, String email) {
    requireReady();
    required(email, "email");
    String address =
        ReminderLimit.normalise(email)
            .orElseThrow(
                () -> ApiException.badRequest("invalid_email", "that is not an email address"));
    return reminderRate
        .take(device.toUuid(), device.tenant().id(), clock.instant())
        .chain(
            refused -> {
              if (refused.isPresent()) {
                return Uni.createFrom().failure(tooManyReminders(refused.get()));
              }
              return reminders.request(device.tenant().id(), address, device.id());
            });
  }

  private Uni<Void> cardVisible(CardRegistration.Registered card) {
    Key128 user = Key128.ofUuid(card.userId());
    Key128 cardId = Key128.ofUuid(card.cardId());
    return Uni.createFrom()
        .item(() -> model.get().hasCard(user, cardId))
        .repeat()
        .withDelay(Duration.ofMillis(5))
        .until(visible -> visible)
        .select()
        .first(1)
        .toUni()
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

  private DeviceLockout refuseIfLocked(DeviceEntry device, Instant now) {
    DeviceLockout lockout = mirror.of(device.toUuid());
    lockout
        .retryAfter(now)
        .ifPresent(
            wait -> {
              throw tooManyAttempts(wait);
            });
    return lockout;
  }

  private Uni<LoginAnswer> succeeded(
      DeviceEntry device, DeviceLockout lockout, Instant now, UserEntry user) {
    LoginAnswer answer = LoginAnswer.of(user);
    if (!lockout.successChanges(now, lockouts.policy())) {
      return Uni.createFrom().item(answer);
    }
    return lockouts
        .succeeded(device.toUuid(), device.tenant().id(), now)
        .map(
            locked -> {
              if (locked.isPresent()) {
                throw tooManyAttempts(locked.get());
              }
              return answer;
            });
  }

  private <T> Uni<T> failed(
      DeviceEntry device, String kind, Instant now, Supplier<ApiException> refusal) {
    UUID deviceId = device.toUuid();
    return lockouts
        .failed(deviceId, device.tenant().id(), kind, now)
        .chain(
            failure -> {
              ApiException answer =
                  failure
                      .lockout()
                      .retryAfter(now)
                      .map(DeviceLogins::tooManyAttempts)
                      .orElseGet(refusal);
              Uni<T> refused = Uni.createFrom().failure(answer);
              if (failure.delay().isZero()) {
                return refused;
              }
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(failure.delay())
                  .chain(() -> refused);
            });
  }

  private Optional<UserEntry> userByCode(TenantEntry tenant, String code) {
    return lookup(
        tenant,
        SecretPurposes.ACCESS_CODE,
        AccessCodes.normalise(code),
        hash -> model.get().userByCode(tenant, hash));
  }

  /** The reader's value through the tenant's conversion rules; unreadable values match nothing. */
  private CardMatch userByCard(TenantEntry tenant, String raw) {
    String number;
    try {
      number = tenant.conversion().convert(raw);
    } catch (DomainException unreadable) {
      return new CardMatch.NotRegistered();
    }
    return lookup(
            tenant,
            SecretPurposes.CARD_NUMBER,
            number,
            hash ->
                Optional.of(model.get().userByCard(tenant, hash))
                    .filter(match -> !(match instanceof CardMatch.NotRegistered)))
        .orElse(new CardMatch.NotRegistered());
  }

  /**
   * Looks a value up by its hash under the current key, and only when that finds nothing under the
   * older keys on the ring (values stored before a key rotation and not hashed again yet).
   */
  private <T> Optional<T> lookup(
      TenantEntry tenant, String purpose, String value, Function<Key128, Optional<T>> find) {
    Optional<T> found = find.apply(Key128.ofBytes(hasher.digest(tenant.id(), purpose, value)));
    if (found.isPresent() || !hasher.hasOlderKeys()) {
      return found;
    }
    List<byte[]> digests = hasher.digestsUnderEveryKey(tenant.id(), purpose, value);
    for (byte[] digest : digests.subList(1, digests.size())) {
      found = find.apply(Key128.ofBytes(digest));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private void requireReady() {
    if (!feed.caughtUp() || !mirror.loaded()) {
      throw new ApiException(503, "not_ready", "the gateway is still loading; try again shortly")
          .withHeader("Retry-After", "1");
    }
  }

  private static void required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("invalid_request", "give \"" + field + "\"");
    }
    if (value.length() > MAX_INPUT) {
      throw ApiException.badRequest(
          "invalid_request", "\"" + field + "\" is longer than " + MAX_INPUT + " characters");
    }
  }

  private static ApiException invalidCode() {
    return ApiException.unauthorized("invalid_code", "no active user of this tenant has this code");
  }

  private static ApiException tooManyAttempts(Duration wait) {
    return new ApiException(
            429, "too_many_attempts", "too many failed attempts at this device; try again later")
        .withHeader("Retry-After", seconds(wait));
  }

  private static ApiException tooManyReminders(Duration wait) {
    return new ApiException(
            429, "too_many_reminders", "too many reminders asked at this device; try again later")
        .withHeader("Retry-After", seconds(wait));
  }

  /** Whole seconds, rounded up and never 0 (which would invite a retry at once). */
  private static String seconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }
}
