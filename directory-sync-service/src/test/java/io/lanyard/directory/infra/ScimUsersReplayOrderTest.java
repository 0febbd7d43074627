package io.lanyard.directory.infra;

import static io.lanyard.directory.infra.ScimUserEvents.AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserUnlinked;
import io.lanyard.directory.infra.ScimUsers.StatusChange;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A rebuild reads identity's topic and directory-sync's own in whatever order its partitions come:
 * a SCIM user created, named by its link, deleted and unlinked ends as the same row either way
 * (found by {@code OperationsTest}: a deleted user's rebuilt row had lost the name its live row
 * kept).
 */
@QuarkusTest
class ScimUsersReplayOrderTest {

  @Inject ScimUsers users;
  @Inject GoogleUsers googleUsers;
  @Inject Pool pool;

  @Test
  void aDeletedScimUserEndsTheSameWhicheverTopicARebuildReadsFirst() {
    UUID identityFirst = UUID.randomUUID();
    apply(
        created(identityFirst),
        linked(identityFirst),
        deleted(identityFirst),
        unlinked(identityFirst));
    UUID directoryFirst = UUID.randomUUID();
    apply(
        linked(directoryFirst),
        unlinked(directoryFirst),
        created(directoryFirst),
        deleted(directoryFirst));

    assertEquals(row(identityFirst), row(directoryFirst));
  }

  /**
   * ADR 7: an erased user's data leaves scim_users, scim_links and google_users, and stays out
   * whichever topic a rebuild reads first (erased_users makes the link and Google events read after
   * UserErased write none of it); both orders end with the same rows. Their errors leave the
   * tenant's sync runs' reports, the other users' stay.
   */
  @Test
  void anErasedUserEndsTheSameWhicheverTopicARebuildReadsFirstAndNothingOfThemIsLeft() {
    String tenant = "era-" + UUID.randomUUID().toString().substring(0, 8);
    UUID run = UUID.randomUUID();
    pool.preparedQuery(
            "INSERT INTO sync_runs (run_id, tenant_id, trigger, status, started_at, heartbeat_at,"
                + " failed, errors) VALUES ($1, $2, 'manual', 'succeeded', now(), now(), 3,"
                + " $3::text::jsonb)")
        .execute(
            Tuple.of(
                run,
                tenant,
                "[{\"user\":\"FAY@acme.example\",\"message\":\"refused\"},"
                    + "{\"user\":\"g-1\",\"message\":\"fay@acme.example is taken\"},"
                    + "{\"user\":\"other@acme.example\",\"message\":\"refused\"}]"))
        .await()
        .indefinitely();
    UUID identityFirst = UUID.randomUUID();
    apply(
        created(identityFirst),
        linked(identityFirst),
        synced(tenant, identityFirst),
        deleted(identityFirst),
        unlinked(identityFirst),
        erased(tenant, identityFirst));
    UUID directoryFirst = UUID.randomUUID();
    apply(
        created(directoryFirst),
        deleted(directoryFirst),
        erased(tenant, directoryFirst),
        linked(directoryFirst),
        synced(tenant, directoryFirst),
        unlinked(directoryFirst));

    assertEquals(row(identityFirst), row(directoryFirst));
    assertEquals(
        linkRow(identityFirst).replace(identityFirst.toString(), "id"),
        linkRow(directoryFirst).replace(directoryFirst.toString(), "id"));
    for (UUID user : List.of(identityFirst, directoryFirst)) {
      assertEquals(0, count("google_users WHERE user_id = $1", user));
      assertEquals(1, count("erased_users WHERE user_id = $1", user));
      for (String personal : List.of("fay", "Tester", "g-" + user)) {
        for (String table : List.of("scim_users", "scim_links", "google_users")) {
          assertEquals(
              0,
              count(
                  table + " AS t WHERE t.user_id = $1 AND t::text ILIKE '%" + personal + "%'",
                  user),
              personal + " in " + table);
        }
      }
    }
    assertEquals(
        "[{\"user\": \"other@acme.example\", \"message\": \"refused\"}]",
        pool.preparedQuery("SELECT errors::text FROM sync_runs WHERE run_id = $1")
            .execute(Tuple.of(run))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getString(0));
  }

  @SafeVarargs
  private void apply(Function<SqlClient, Uni<Void>>... events) {
    for (Function<SqlClient, Uni<Void>> event : events) {
      pool.withTransaction(tx -> event.apply(tx)).await().indefinitely();
    }
  }

  private Function<SqlClient, Uni<Void>> created(UUID id) {
    return tx -> users.created(tx, ScimUserEvents.creation(id, "fay"), 1, AT);
  }

  private Function<SqlClient, Uni<Void>> linked(UUID id) {
    return tx -> users.applyLink(tx, ScimUserEvents.link(id, "fay"));
  }

  private Function<SqlClient, Uni<Void>> deleted(UUID id) {
    return tx -> users.changed(tx, id, StatusChange.DELETED, 2, AT);
  }

  private Function<SqlClient, Uni<Void>> unlinked(UUID id) {
    DirectoryLink.Event unlink =
        new DirectoryUserUnlinked("acme", id.toString(), DirectoryLink.Source.SCIM);
    return tx -> users.applyLink(tx, unlink);
  }

  private Function<SqlClient, Uni<Void>> synced(String tenant, UUID id) {
    DirectoryLink.Event synced =
        new DirectoryLink.Event.DirectoryUserSynced(
            tenant, id.toString(), "g-" + id, "fingerprint", false, null, null);
    return tx -> googleUsers.apply(tx, synced);
  }

  private Function<SqlClient, Uni<Void>> erased(String tenant, UUID id) {
    return tx -> users.erased(tx, tenant, id, 3, AT);
  }

  private long count(String tableAndCondition, Object value) {
    return pool.preparedQuery("SELECT count(*) FROM " + tableAndCondition)
        .execute(Tuple.of(value))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  private String linkRow(UUID id) {
    return pool.preparedQuery("SELECT l::text FROM scim_links l WHERE user_id = $1")
        .execute(Tuple.of(id))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getString(0);
  }

  /** Every column of the user's row but the id (and the userName that carries it). */
  private List<Object> row(UUID id) {
    Row row =
        pool.preparedQuery("SELECT * FROM scim_users WHERE user_id = $1")
            .execute(Tuple.of(id))
            .await()
            .indefinitely()
            .iterator()
            .next();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      String column = row.getColumnName(i);
      if (!column.equals("user_id") && !column.equals("user_name")) {
        values.add(column + "=" + row.getValue(i));
      }
    }
    return values;
  }
}
