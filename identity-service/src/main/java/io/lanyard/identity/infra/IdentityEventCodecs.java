package io.lanyard.identity.infra;

import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserDeletedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.UserEvent;
import java.util.UUID;

/**
 * Identity's domain events as the public records they are stored and published as, and back. The
 * mapping is written out field by field, so the domain can change shape without changing the
 * contract other services read.
 */
public final class IdentityEventCodecs {

  public static final JsonEventCodec<UserEvent> USERS =
      new JsonEventCodec<UserEvent>()
          .map(
              UserCreatedV1.TYPE,
              UserEvent.Created.class,
              UserCreatedV1.class,
              e ->
                  new UserCreatedV1(
                      UUID.fromString(e.userId()),
                      e.tenantId(),
                      e.username(),
                      e.displayName(),
                      e.email(),
                      e.orgUnit(),
                      e.locale(),
                      toContract(e.origin()),
                      e.externalId()),
              c ->
                  new UserEvent.Created(
                      c.userId().toString(),
                      c.tenantId(),
                      c.username(),
                      c.displayName(),
                      c.email(),
                      c.orgUnit(),
                      c.locale(),
                      toDomain(c.origin()),
                      c.externalId()))
          .map(
              UserUpdatedV1.TYPE,
              UserEvent.Updated.class,
              UserUpdatedV1.class,
              e ->
                  new UserUpdatedV1(
                      UUID.fromString(e.userId()),
                      e.tenantId(),
                      e.username(),
                      e.displayName(),
                      e.email(),
                      e.orgUnit(),
                      e.locale()),
              c ->
                  new UserEvent.Updated(
                      c.userId().toString(),
                      c.tenantId(),
                      c.username(),
                      c.displayName(),
                      c.email(),
                      c.orgUnit(),
                      c.locale()))
          .map(
              UserSuspendedV1.TYPE,
              UserEvent.Suspended.class,
              UserSuspendedV1.class,
              e -> new UserSuspendedV1(UUID.fromString(e.userId()), e.tenantId()),
              c -> new UserEvent.Suspended(c.userId().toString(), c.tenantId()))
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
              e -> new UserDeletedV1(UUID.fromString(e.userId()), e.tenantId()),
              c -> new UserEvent.Deleted(c.userId().toString(), c.tenantId()));

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
              c -> new TenantEvent.Suspended(c.tenantId()));

  private IdentityEventCodecs() {}

  // Exhaustive switches: a new origin in the domain or the contract fails the build here, rather
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
}
