package io.lanyard.directory.application;

import com.unboundid.scim2.common.filters.Filter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every user of a tenant as the SCIM server shows them: what the SCIM use cases read, and the
 * answer of a write they record at once (a read right after the write reflects it; the write's own
 * event, arriving later, is older or equal and changes nothing). The read model is infra's.
 */
public interface ScimUserStore {

  /**
   * A lookup the database answers by index, by the keys a write must keep unique: {@code
   * EXTERNAL_ID} is the key a user is linked by (the userName of one created without an
   * externalId), whether or not SCIM shows it.
   */
  enum IndexedAttribute {
    ID,
    USER_NAME,
    EXTERNAL_ID
  }

  Uni<Optional<ScimUserRow>> find(SqlClient client, String tenantId, UUID id);

  /** The tenant's users, oldest first; with an attribute, only those whose value equals it. */
  Uni<List<ScimUserRow>> list(
      SqlClient client, String tenantId, IndexedAttribute attribute, String value);

  /** A page of a search: how many users match, and those on the page. */
  record Found(long total, List<ScimUserRow> users) {}

  /**
   * The tenant's users a filter keeps, counted, and the page of them (oldest first), both answered
   * by the database: a search holds at most one page of users in memory.
   *
   * @param filter null for every user
   * @param offset how many matching users come before the page
   * @param limit the page's size; 0 only counts
   * @throws ScimException 400 {@code invalidFilter} for a filter it cannot answer
   */
  Uni<Found> search(SqlClient client, String tenantId, Filter filter, long offset, int limit);

  /**
   * Of the given userNames (in any case) and externalIds (the keys users are linked by), those a
   * user of the tenant has: one statement for a batch of creates.
   */
  Uni<Taken> taken(
      SqlClient client,
      String tenantId,
      Collection<String> userNames,
      Collection<String> externalIds);

  /** What {@link #taken} found, as it was asked. */
  record Taken(Set<String> userNames, Set<String> externalIds) {}

  /** A user as identity-service answered a write. */
  record Recorded(
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
      OffsetDateTime updated) {}

  /**
   * Users as identity-service answered writes, each in a statement of its own, sent at once (one
   * transaction for all of them deadlocked with the feed). Answers the rows as they are now where
   * this wrote them (by id); a row a newer write had changed already, or a deleted one, is not
   * among them.
   */
  Uni<Map<UUID, ScimUserRow>> record(SqlClient client, String tenantId, List<Recorded> users);

  Uni<Void> deleted(SqlClient client, UUID id);
}
