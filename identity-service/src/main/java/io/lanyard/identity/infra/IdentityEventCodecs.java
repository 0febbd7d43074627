package io.lanyard.identity.infra;

import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantErasedV1;
import io.lanyard.contracts.identity.TenantSettingsChangedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserCreatedV2;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserErasedV1;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV2;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.identity.domain.DeleteReason;
import io.lanyard.identity.domain.GuestWindow;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.SuspendReason;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.domain.UserKind;
import java.time.Instant;
import java.util.UUID;

/**
 * Identity's domain events as the public records they are stored and published as, and back. The
 * mapping is written out field by field, so the domain can change shape without changing the
 * contract other services read.
 *
 * <p>A person's events are written as they were before guests existed: {@code kind} and the window
 * only appear for a guest (an absent kind means a person, for every reader).
 *
 * <p>A user's creation and updates carry what identifies the person sealed under the user's data
 * key (ADR 7, {@code UserCreated.v2}, {@code UserUpdated.v2}); the v1 events written before are
 * read through {@link IdentityUpcasters}.
 */
public final class IdentityEventCodecs {

  public static final JsonEventCodec<UserEvent> USERS =
      new JsonEventCodec<UserEvent>()
          .mapSealed(
              UserCreatedV2.TYPE,
              UserEvent.Created.class,
              UserCreatedV2.class,
              (e, keys) ->
                  new UserCreatedV2(
                      UUID.fromString(e.userId()),
                      e.tenantId(),
                      keys.seal(
                          e.tenantId(),
                          e.userId(),
                          new UserPersonal(
                              e.username(), e.displayName(), e.email(), e.externalId())),
                      e.orgUnit(),
                      e.locale(),
                      toContract(e.origin()),
                      e.kind() == UserKind.GUEST ? UserCreatedV1.Kind.GUEST : null,
                      from(e.window()),
                      until(e.window()),
                      // Written only when true: every other creation reads as it always did.
                      e.firstCodeFollows() ? Boolean.TRUE : null),
              (c, keys) -> {
                UserPersonal person = opened(keys, c.tenantId(), c.userId(), c.personal());
                return new UserEvent.Created(
                    c.userId().toString(),
                    c.tenantId(),
                    person.username(),
                    person.displayName(),
                    person.email(),
                    c.orgUnit(),
                    c.locale(),
                    toDomain(c.origin()),
                    person.externalId(),
                    toDomain(c.kind()),
                    window(c.validFrom(), c.validUntil()),
                    Boolean.TRUE.equals(c.firstCodeFollows()));
              })
          .mapSealed(
              UserUpdatedV2.TYPE,
              UserEvent.Updated.class,
              UserUpdatedV2.class,
              (e, keys) ->
                  new UserUpdatedV2(
                      UUID.fromString(e.userId()),
                      e.tenantId(),
                      keys.seal(
                          e.tenantId(),
                          e.userId(),
                          new UserPersonal(e.username(), e.displayName(), e.email(), null)),
                      e.orgUnit(),
                      e.locale(),
                      from(e.window()),
                      until(e.window())),
              (c, keys) -> {
                UserPersonal person = opened(keys, c.tenantId(), c.userId(), c.personal());
                return new UserEvent.Updated(
                    c.userId().toString(),
                    c.tenantId(),
                    person.username(),
                    person.displayName(),
                    person.email(),
                    c.orgUnit(),
                    c.locale(),
                    window(c.validFrom(), c.validUntil()));
              })
          .map(
              UserSuspendedV1.TYPE,
              UserEvent.Suspended.class,
              UserSuspendedV1.class,
              e ->
                  new UserSuspendedV1(
                      UUID.fromString(e.userId()), e.tenantId(), toContract(e.reason())),
              c ->
                  new UserEvent.Suspended(
                      c.userId().toString(), c.tenantId(), toDomain(c.reason())))
          .map(
              UserReactivatedV1.TYPE,
              UserEvent.Reactivated.class,
              UserReactivatedV1.class,
              e -> new UserReactivatedV1(UUID.fromString(e.userId()), e.tenantId()),
              c -> new UserEvent.Reactivated(c.userId().toString(), c.tenantId()))
          .map(
              UserDeletedV1.TYPE,
              UserEvent.Deleted.class,
              UserDeletedV1.class,
              e ->
                  new UserDeletedV1(
                      UUID.fromString(e.userId()), e.tenantId(), toContract(e.reason())),
              c -> new UserEvent.Deleted(c.userId().toString(), c.tenantId(), toDomain(c.reason())))
          .map(
              UserErasedV1.TYPE,
              UserEvent.Erased.class,
              UserErasedV1.class,
              e -> new UserErasedV1(UUID.fromString(e.userId()), e.tenantId(), e.erasedBy()),
              c -> new UserEvent.Erased(c.userId().toString(), c.tenantId(), c.erasedBy()));

  public static final JsonEventCodec<TenantEvent> TENANTS =
      new JsonEventCodec<TenantEvent>()
          .map(
              TenantCreatedV1.TYPE,
              TenantEvent.Created.class,
              TenantCreatedV1.class,
              e -> new TenantCreatedV1(e.tenantId(), e.name()),
              c -> new TenantEvent.Created(c.tenantId(), c.name()))
          .map(
              TenantSuspendedV1.TYPE,
              TenantEvent.Suspended.class,
              TenantSuspendedV1.class,
              e -> new TenantSuspendedV1(e.tenantId()),
              c -> new TenantEvent.Suspended(c.tenantId()))
          .map(
              TenantSettingsChangedV1.TYPE,
              TenantEvent.SettingsChanged.class,
              TenantSettingsChangedV1.class,
              e ->
                  new TenantSettingsChangedV1(
                      e.tenantId(), e.settings().guestRetentionDays(), e.changedBy()),
              c ->
                  new TenantEvent.SettingsChanged(
                      c.tenantId(), new TenantSettings(c.guestRetentionDays()), c.changedBy()))
          .map(
              TenantErasedV1.TYPE,
              TenantEvent.Erased.class,
              TenantErasedV1.class,
              e -> new TenantErasedV1(e.tenantId(), e.erasedBy()),
              c -> new TenantEvent.Erased(c.tenantId(), c.erasedBy()));

  private IdentityEventCodecs() {}

  /** The person's data; an erased user's reads as unknown (null fields). */
  private static UserPersonal opened(
      PersonalKeys keys, String tenantId, UUID userId, String personal) {
    return keys.open(tenantId, userId.toString(), personal, UserPersonal.class)
        .orElse(UserPersonal.ERASED);
  }

  private static Instant from(GuestWindow window) {
    return window == null ? null : window.validFrom();
  }

  private static Instant until(GuestWindow window) {
    return window == null ? null : window.validUntil();
  }

  private static GuestWindow window(Instant validFrom, Instant validUntil) {
    return validFrom == null || validUntil == null ? null : new GuestWindow(validFrom, validUntil);
  }

  // Exhaustive switches: a new value in the domain or the contract fails the build here, rather
  // than travelling under the wrong wire value.

  static UserCreatedV1.Origin toContract(Origin origin) {
    return switch (origin) {
      case MANUAL -> UserCreatedV1.Origin.MANUAL;
      case GOOGLE -> UserCreatedV1.Origin.GOOGLE;
      case SCIM -> UserCreatedV1.Origin.SCIM;
    };
  }

  static Origin toDomain(UserCreatedV1.Origin origin) {
    return switch (origin) {
      case MANUAL -> Origin.MANUAL;
      case GOOGLE -> Origin.GOOGLE;
      case SCIM -> Origin.SCIM;
    };
  }

  /** Absent (every event from before guests): a person. */
  static UserKind toDomain(UserCreatedV1.Kind kind) {
    if (kind == null) {
      return UserKind.PERSON;
    }
    return switch (kind) {
      case PERSON -> UserKind.PERSON;
      case GUEST -> UserKind.GUEST;
    };
  }

  static UserSuspendedV1.Reason toContract(SuspendReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case ADMIN -> UserSuspendedV1.Reason.ADMIN;
      case DIRECTORY -> UserSuspendedV1.Reason.DIRECTORY;
      case GUEST_WINDOW_ENDED -> UserSuspendedV1.Reason.GUEST_WINDOW_ENDED;
    };
  }

  static SuspendReason toDomain(UserSuspendedV1.Reason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case ADMIN -> SuspendReason.ADMIN;
      case DIRECTORY -> SuspendReason.DIRECTORY;
      case GUEST_WINDOW_ENDED -> SuspendReason.GUEST_WINDOW_ENDED;
    };
  }

  static UserDeletedV1.Reason toContract(DeleteReason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case ADMIN -> UserDeletedV1.Reason.ADMIN;
      case DIRECTORY -> UserDeletedV1.Reason.DIRECTORY;
      case GUEST_RETENTION -> UserDeletedV1.Reason.GUEST_RETENTION;
    };
  }

  static DeleteReason toDomain(UserDeletedV1.Reason reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case ADMIN -> DeleteReason.ADMIN;
      case DIRECTORY -> DeleteReason.DIRECTORY;
      case GUEST_RETENTION -> DeleteReason.GUEST_RETENTION;
    };
  }
}
