package io.lanyard.device.feed;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeExpiredV1;
import io.lanyard.contracts.credential.AccessCodeExpiryChangedV1;
import io.lanyard.contracts.credential.AccessCodeRevealedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CardRemovedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.ConversionStep;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.contracts.device.DeviceRegisteredV1;
import io.lanyard.contracts.device.DeviceRevokedV1;
import io.lanyard.contracts.device.DeviceTokenRotatedV1;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.device.domain.CodeValidity;
import io.lanyard.device.domain.GuestWindow;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.personal.UserEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which event changes what in the {@link LoginModel}, each read as the public record of its type.
 * Events the model does not need (an email or reminder request) are passed over unread: at start-up
 * every replica reads millions of events, so each is parsed once, and only if it matters.
 *
 * <p>A user's creation or update, v1 or v2, comes opened ({@link OpenedUsers}: a v2 event's person
 * needs the user's data key, ADR 7). A v2 event whose person opens to nothing is an erased user's
 * (identity destroyed the key): the model treats it as their {@code UserErased}, which follows it
 * on the topic, so that the entry keeps no name and logs no one in, now or after a replay.
 */
public final class ModelEvents {

  /** What one event type changes, given its data, its stream's tenant and its version. */
  @FunctionalInterface
  private interface Change<T> {
    void apply(LoginModel model, T data, String tenant, long version);
  }

  /** A {@link Change} with the record its data is read as. */
  private record Reading<T>(Class<T> record, Change<T> change) {

    void apply(LoginModel model, EventEnvelope event) {
      change.apply(model, EventJson.read(event, record), event.tenantId(), event.streamVersion());
    }
  }

  private static final Map<EventType, Reading<?>> CHANGES =
      Map.ofEntries(
          on(
              TenantCreatedV1.TYPE,
              TenantCreatedV1.class,
              (model, e, tenant, version) ->
                  model.tenantCreated(present(e.tenantId(), "tenantId"), version)),
          on(
              TenantSuspendedV1.TYPE,
              TenantSuspendedV1.class,
              (model, e, tenant, version) ->
                  model.tenantSuspended(present(e.tenantId(), "tenantId"), version)),
          on(
              TenantErasedV1.TYPE,
              TenantErasedV1.class,
              (model, e, tenant, version) -> model.tenantErased(present(e.tenantId(), "tenantId"))),
          on(
              UserSuspendedV1.TYPE,
              UserSuspendedV1.class,
              (model, e, tenant, version) ->
                  model.userSuspended(key(e.userId(), "userId"), tenant, version)),
          on(
              UserReactivatedV1.TYPE,
              UserReactivatedV1.class,
              (model, e, tenant, version) ->
                  model.userReactivated(key(e.userId(), "userId"), tenant, version)),
          on(
              UserDeletedV1.TYPE,
              UserDeletedV1.class,
              (model, e, tenant, version) ->
                  model.userDeleted(key(e.userId(), "userId"), tenant, version)),
          on(
              UserErasedV1.TYPE,
              UserErasedV1.class,
              (model, e, tenant, version) ->
                  model.userErased(key(e.userId(), "userId"), tenant, version)),
          on(
              AccessCodeChangedV1.TYPE,
              AccessCodeChangedV1.class,
              (model, e, tenant, version) ->
                  model.codeChanged(
                      key(e.userId(), "userId"),
                      tenant,
                      Key128.ofKeyedHash(present(e.codeHash(), "codeHash")),
                      CodeValidity.of(e.validFrom(), e.expiresAt()),
                      version)),
          on(
              AccessCodeExpiryChangedV1.TYPE,
              AccessCodeExpiryChangedV1.class,
              (model, e, tenant, version) ->
                  model.codeExpiryChanged(
                      key(e.userId(), "userId"),
                      tenant,
                      CodeValidity.of(e.validFrom(), e.expiresAt()),
                      version)),
          on(
              AccessCodeExpiredV1.TYPE,
              AccessCodeExpiredV1.class,
              (model, e, tenant, version) ->
                  model.codeExpired(
                      key(e.userId(), "userId"),
                      tenant,
                      Key128.ofKeyedHash(present(e.codeHash(), "codeHash")),
                      version)),
          on(
              AccessCodeRevealedV1.TYPE,
              AccessCodeRevealedV1.class,
              (model, e, tenant, version) ->
                  model.credentialSeen(key(e.userId(), "userId"), tenant, version)),
          on(
              CardRegisteredV1.TYPE,
              CardRegisteredV1.class,
              (model, e, tenant, version) ->
                  model.cardRegistered(
                      key(e.userId(), "userId"),
                      tenant,
                      key(e.cardId(), "cardId"),
                      Key128.ofKeyedHash(present(e.cardHash(), "cardHash")),
                      version)),
          on(
              CardRemovedV1.TYPE,
              CardRemovedV1.class,
              (model, e, tenant, version) ->
                  model.cardRemoved(
                      key(e.userId(), "userId"), tenant, key(e.cardId(), "cardId"), version)),
          on(
              CredentialsRevokedV1.TYPE,
              CredentialsRevokedV1.class,
              (model, e, tenant, version) ->
                  model.credentialsRevoked(key(e.userId(), "userId"), tenant, version)),
          on(
              CredentialPolicyChangedV1.TYPE,
              CredentialPolicyChangedV1.class,
              (model, e, tenant, version) ->
                  model.policyChanged(tenant, conversion(e.cardConversion()), version)),
          on(
              DeviceRegisteredV1.TYPE,
              DeviceRegisteredV1.class,
              (model, e, tenant, version) ->
                  model.deviceRegistered(
                      key(e.deviceId(), "deviceId"),
                      tenant,
                      Key128.ofHex(present(e.tokenHash(), "tokenHash")),
                      version)),
          on(
              DeviceTokenRotatedV1.TYPE,
              DeviceTokenRotatedV1.class,
              (model, e, tenant, version) ->
                  model.deviceTokenRotated(
                      key(e.deviceId(), "deviceId"),
                      tenant,
                      Key128.ofHex(present(e.tokenHash(), "tokenHash")),
                      version)),
          on(
              DeviceRevokedV1.TYPE,
              DeviceRevokedV1.class,
              (model, e, tenant, version) ->
                  model.deviceRevoked(key(e.deviceId(), "deviceId"), tenant, version)));

  private ModelEvents() {}

  /**
   * Applies one event that needs no data key: any but a {@code UserCreated.v2}/{@code
   * UserUpdated.v2}, which come opened through {@link #apply(LoginModel, EventEnvelope,
   * OpenedUsers)}.
   *
   * @throws IllegalArgumentException when its data is not what its type promises (the feed
   *     dead-letters it and goes on)
   * @throws IllegalStateException for a sealed user event: a caller's bug, not the event's
   */
  public static void apply(LoginModel model, EventEnvelope event) {
    apply(model, event, OpenedUsers.NONE);
  }

  /**
   * Applies one event of a poll whose user events were opened ({@link OpenedUsers#open}).
   *
   * @throws IllegalArgumentException when its data is not what its type promises, or its person's
   *     data does not open (the feed dead-letters it and goes on)
   */
  static void apply(LoginModel model, EventEnvelope event, OpenedUsers users) {
    if (event.tenantId() != null && model.erased(event.tenantId())) {
      return; // an erased tenant's events, on any topic, in any order: nothing is learnt again
    }
    if (UserEvents.isCreated(event)) {
      created(model, event, users.created(event));
      return;
    }
    if (UserEvents.isUpdated(event)) {
      updated(model, event, users.updated(event));
      return;
    }
    Reading<?> reading = CHANGES.get(event.type());
    if (reading != null) {
      reading.apply(model, event);
    }
  }

  private static void created(LoginModel model, EventEnvelope event, UserCreatedV1 e) {
    profile(
        model,
        event,
        e.userId(),
        e.username(),
        e.displayName(),
        e.kind() == UserCreatedV1.Kind.GUEST
            ? GuestWindow.of(e.validFrom(), e.validUntil())
            : null);
  }

  private static void updated(LoginModel model, EventEnvelope event, UserUpdatedV1 e) {
    profile(
        model,
        event,
        e.userId(),
        e.username(),
        e.displayName(),
        updatedWindow(e.validFrom(), e.validUntil()));
  }

  /**
   * Whether a sealed (v2) event's person opened to nothing: the user's key is gone. identity never
   * seals a person without a username and a display name; a v1 event without them is bad data.
   */
  private static boolean erasedAtIdentity(
      EventEnvelope event, String username, String displayName) {
    return UserEvents.isSealed(event) && username == null && displayName == null;
  }

  /**
   * A user as created or updated: the same change either way; or, when their sealed person opened
   * to nothing, their erasure.
   */
  private static void profile(
      LoginModel model,
      EventEnvelope event,
      UUID userId,
      String username,
      String displayName,
      GuestWindow guestWindow) {
    if (erasedAtIdentity(event, username, displayName)) {
      model.userErased(key(userId, "userId"), event.tenantId(), event.streamVersion());
      return;
    }
    model.userProfile(
        key(userId, "userId"),
        event.tenantId(),
        present(username, "username"),
        present(displayName, "displayName"),
        guestWindow,
        event.streamVersion());
  }

  /**
   * An update names a guest's window after the change; one that names none leaves the window as it
   * is (a person's update, or a producer from before guests), so it never opens a guest's window.
   */
  private static GuestWindow updatedWindow(Instant validFrom, Instant validUntil) {
    return validFrom == null && validUntil == null ? null : GuestWindow.of(validFrom, validUntil);
  }

  private static <T> Map.Entry<EventType, Reading<?>> on(
      EventType type, Class<T> record, Change<T> change) {
    return Map.entry(type, new Reading<>(record, change));
  }

  /** Jackson leaves a missing property null; the model needs every one it reads. */
  private static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field " + field + " missing");
    }
    return value;
  }

  private static Key128 key(UUID id, String field) {
    return Key128.of(present(id, field));
  }

  /**
   * A conversion the rules refuse would otherwise stop the feed at this event for good (it retries
   * what it cannot apply); as bad data it is dead-lettered instead.
   */
  private static CardConversion conversion(List<ConversionStep> steps) {
    if (steps == null) {
      return CardConversion.NONE;
    }
    try {
      return CardConversion.fromSpecs(steps.stream().map(ModelEvents::spec).toList());
    } catch (DomainException refused) {
      throw new IllegalArgumentException("a card conversion the rules refuse", refused);
    }
  }

  private static StepSpec spec(ConversionStep step) {
    present(step, "cardConversion[]");
    return new StepSpec(
        step.step() == null ? null : WireValues.of(step.step()),
        step.value(),
        step.count(),
        step.length());
  }
}
