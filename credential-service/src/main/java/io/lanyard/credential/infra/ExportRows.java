package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's users with their code's source and expiry and their cards, a page at a time in user-id
 * order (keyset: after the last id of the page before, on {@code known_users_by_tenant}), for the
 * CSV export. Deleted users are left out; no code is read.
 */
@ApplicationScoped
public class ExportRows {

  /** A card as stored: masked, and sealed (for an export with numbers in clear). */
  public record ExportCard(String masked, String ciphertext) {}

  /**
   * One user of the export.
   *
   * @param codeSource null without a code
   */
  public record ExportUser(
      UUID id,
      String username,
      String displayName,
      String email,
      String status,
      String origin,
      CodeSource codeSource,
      Instant codeExpiresAt,
      List<ExportCard> cards) {}

  /**
   * The tenant's users after {@code after} ({@code null}: from the first), at most {@code size}.
   */
  public Uni<List<ExportUser>> page(SqlClient client, String tenantId, UUID after, int size) {
    return client
        .preparedQuery(
            "SELECT u.id, u.username, u.display_name, u.email, u.status, u.origin, a.reason,"
                + " a.expires_at FROM known_users u LEFT JOIN access_codes a ON a.user_id = u.id"
                + " WHERE u.tenant_id = $1 AND ($2::uuid IS NULL OR u.id > $2)"
                + " AND u.status <> 'deleted' ORDER BY u.id LIMIT $3")
        .execute(Tuple.from(Arrays.asList(tenantId, after, size)))
        .chain(
            rows -> {
              List<Row> users = new ArrayList<>();
              rows.forEach(users::add);
              if (users.isEmpty()) {
                return Uni.createFrom().item(List.<ExportUser>of());
              }
              UUID first = users.get(0).getUUID("id");
              UUID last = users.get(users.size() - 1).getUUID("id");
              return cards(client, tenantId, first, last).map(cards -> users(users, cards));
            });
  }

  /**
   * The cards of the users from {@code first} to {@code last}: one range on {@code cards_by_user}.
   */
  private static Uni<Map<UUID, List<ExportCard>>> cards(
      SqlClient client, String tenantId, UUID first, UUID last) {
    return client
        .preparedQuery(
            "SELECT user_id, masked_number, card_ciphertext FROM cards"
                + " WHERE user_id >= $2 AND user_id <= $3 AND tenant_id = $1"
                + " ORDER BY user_id, created_at, id")
        .execute(Tuple.of(tenantId, first, last))
        .map(
            rows -> {
              Map<UUID, List<ExportCard>> byUser = new LinkedHashMap<>();
              rows.forEach(
                  row ->
                      byUser
                          .computeIfAbsent(row.getUUID("user_id"), id -> new ArrayList<>())
                          .add(
                              new ExportCard(
                                  row.getString("masked_number"),
                                  row.getString("card_ciphertext"))));
              return byUser;
            });
  }

  private static List<ExportUser> users(List<Row> rows, Map<UUID, List<ExportCard>> cards) {
    List<ExportUser> users = new ArrayList<>(rows.size());
    for (Row row : rows) {
      UUID id = row.getUUID("id");
      String reason = row.getString("reason");
      users.add(
          new ExportUser(
              id,
              row.getString("username"),
              row.getString("display_name"),
              row.getString("email"),
              row.getString("status"),
              row.getString("origin"),
              reason == null ? null : CredentialCodedValues.codeReason(reason).source(),
              KnownUsers.instant(row.getOffsetDateTime("expires_at")),
              cards.getOrDefault(id, List.of())));
    }
    return users;
  }
}
