package io.lanyard.directory.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every user of a tenant as the SCIM server shows them: what the SCIM use cases read, and the
 * answer of a write they record at once (a read right after the write reflects it; the write's own
 * event, arriving later, is older or equal and changes nothing). The read model is infra's.
 */
public interface ScimUserStore {

  /** A lookup the database can answer by index, instead of a scan of the tenant's users. */
  enum IndexedAttribute {
    ID,
    USER_NAME,
    EXTERNAL_ID
  }

  Uni<Optional<ScimUserRow>> find(SqlClient client, String tenantId, UUID id);

  /** The tenant's users, oldest first; with an attribute, only those whose value equals it. */
  Uni<List<ScimUserRow>> list(
      SqlClient client, String tenantId, IndexedAttribute attribute, String value);

  /** A user as identity-service answered a write. */
  Uni<Void> record(
      SqlClient client,
      String tenantId,
      UUID id,
      String userName,
      String displayName,
      String email,
      String locale,
      String origin,
      String externalId,
      boolean active,
      long version,
      OffsetDateTime created,
      OffsetDateTime updated);

  Uni<Void> deleted(SqlClient client, UUID id);
}
