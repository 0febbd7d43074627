package io.lanyard.identity.infra;

import io.lanyard.contracts.IdentityEvents;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.UserEvent;

/** Which domain record is which public event type. */
public final class IdentityEventCodecs {

  public static final JsonEventCodec<UserEvent> USERS =
      new JsonEventCodec<UserEvent>()
          .map(IdentityEvents.USER_CREATED, UserEvent.Created.class)
          .map(IdentityEvents.USER_UPDATED, UserEvent.Updated.class)
          .map(IdentityEvents.USER_SUSPENDED, UserEvent.Suspended.class)
          .map(IdentityEvents.USER_REACTIVATED, UserEvent.Reactivated.class)
          .map(IdentityEvents.USER_DELETED, UserEvent.Deleted.class);

  public static final JsonEventCodec<TenantEvent> TENANTS =
      new JsonEventCodec<TenantEvent>()
          .map(IdentityEvents.TENANT_CREATED, TenantEvent.Created.class)
          .map(IdentityEvents.TENANT_SUSPENDED, TenantEvent.Suspended.class);

  private IdentityEventCodecs() {}
}
