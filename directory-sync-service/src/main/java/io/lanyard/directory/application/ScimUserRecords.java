package io.lanyard.directory.application;

import io.lanyard.directory.client.IdentityServiceClient.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A user as identity-service answered a write, as the SCIM read model records and shows it. */
final class ScimUserRecords {

  private ScimUserRecords() {}

  static ScimUserStore.Recorded of(User user) {
    return new ScimUserStore.Recorded(
        UUID.fromString(user.id()),
        user.username(),
        user.displayName(),
        user.email(),
        user.locale(),
        user.origin(),
        user.externalId(),
        "active".equals(user.status()),
        user.version(),
        OffsetDateTime.parse(user.createdAt()),
        OffsetDateTime.parse(user.updatedAt()));
  }

  /**
   * The answer to a write that recorded {@code written}: the user's row as the record left it, else
   * (a newer write had changed it already) as the read model shows it now.
   */
  static Uni<ScimUserRow> answer(
      ScimUserStore users,
      SqlClient client,
      String tenantId,
      UUID id,
      Map<UUID, ScimUserRow> written) {
    ScimUserRow row = written.get(id);
    return row != null ? Uni.createFrom().item(row) : reread(users, client, tenantId, id);
  }

  /** The user as the read model shows them now; 404 if it does not. */
  static Uni<ScimUserRow> reread(ScimUserStore users, SqlClient client, String tenantId, UUID id) {
    return users
        .find(client, tenantId, id)
        .map(found -> found.orElseThrow(() -> new ScimException(404, null, "no user " + id)));
  }
}
