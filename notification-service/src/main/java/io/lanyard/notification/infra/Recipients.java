package io.lanyard.notification.infra;

import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tenants, users, codes and cards notification-service knows of: a projection of the identity
 * and credential topics, changed in the transaction that marks each event applied.
 */
@ApplicationScoped
public class Recipients implements ActiveTenants {

  /** A tenant's or a user's status, as the tables store it. */
  public enum Status {
    ACTIVE,
    SUSPENDED,
    DELETED;

    String stored() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A user as an email needs them. {@code validFrom}, {@code validUntil}: a guest's window (null
   * for a person).
   */
  public record Recipient(
      UUID userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String locale,
      String status,
      boolean guest,
      Instant validFrom,
      Instant validUntil) {

    /** Whether the invitation states a window: a guest's, once both ends are known. */
    public boolean hasWindow() {
      return guest && validFrom != null && validUntil != null;
    }

    public boolean isActive() {
      return Status.ACTIVE.stored().equals(status);
    }

    public boolean isDeleted() {
      return Status.DELETED.stored().equals(status);
    }
  }

  /** A personal value in a statement that has {@code e.erased}: null for an erased user. */
  private static final String UNLESS_ERASED = "CASE WHEN e.erased THEN NULL ELSE %s END";

  private final Pool pool;

  Recipients(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return pool.preparedQuery("SELECT 1 FROM tenants WHERE id = $1 AND status = 'active'")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() > 0);
  }

  public Uni<Void> tenant(SqlClient tx, String tenantId, Status status) {
    return tx.preparedQuery(
            "INSERT INTO tenants (id, status) VALUES ($1, $2)"
                + " ON CONFLICT (id) DO UPDATE SET status = excluded.status")
        .execute(Tuple.of(tenantId, status.stored()))
        .replaceWithVoid();
  }

  /** A user's profile as their creation or update has it. */
  public record Profile(
      UUID userId,
      String tenantId,
      String username,
      String displayName,
      String email,
      String locale) {}

  public Uni<Void> profile(SqlClient tx, Profile profile) {
    return profileAll(tx, List.of(profile));
  }

  /** Many users' profiles in one statement; each user once. */
  public Uni<Void> profileAll(SqlClient tx, List<Profile> profiles) {
    int size = profiles.size();
    UUID[] users = new UUID[size];
    String[] tenants = new String[size];
    String[] usernames = new String[size];
    String[] displayNames = new String[size];
    String[] emails = new String[size];
    String[] locales = new String[size];
    for (int i = 0; i < size; i++) {
      Profile profile = profiles.get(i);
      users[i] = profile.userId();
      tenants[i] = profile.tenantId();
      usernames[i] = profile.username();
      displayNames[i] = profile.displayName();
      emails[i] = profile.email();
      locales[i] = profile.locale();
    }
    // An erased user's personal fields stay null (ADR 7), whatever a later event says.
    return tx.preparedQuery(
            "INSERT INTO recipients (user_id, tenant_id, username, display_name, email, locale,"
                + " status) SELECT x.user_id, x.tenant_id, "
                + UNLESS_ERASED.formatted("x.username")
                + ", "
                + UNLESS_ERASED.formatted("x.display_name")
                + ", "
                + UNLESS_ERASED.formatted("x.email")
                + ", x.locale, CASE WHEN e.erased THEN 'deleted' ELSE 'active' END"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[]) AS x (user_id, tenant_id, username, display_name, email, locale)"
                + " CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM erased_users WHERE user_id ="
                + " x.user_id) AS erased) AS e ON CONFLICT (user_id) DO"
                + " UPDATE SET username = excluded.username, display_name ="
                + " excluded.display_name, email = excluded.email, locale = excluded.locale")
        .execute(Tuple.tuple(List.of(users, tenants, usernames, displayNames, emails, locales)))
        .replaceWithVoid();
  }

  /**
   * Marks the user a guest with this window. Either end may be missing from an update: the end
   * already known is kept.
   */
  public Uni<Void> guestWindow(SqlClient tx, UUID userId, Instant validFrom, Instant validUntil) {
    return tx.preparedQuery(
            "UPDATE recipients SET kind = 'guest', valid_from = COALESCE($2, valid_from),"
                + " valid_until = COALESCE($3, valid_until) WHERE user_id = $1")
        .execute(Tuple.from(Arrays.asList(userId, utc(validFrom), utc(validUntil))))
        .replaceWithVoid();
  }

  public Uni<Void> status(SqlClient tx, UUID userId, Status status) {
    return tx.preparedQuery("UPDATE recipients SET status = $2 WHERE user_id = $1")
        .execute(Tuple.of(userId, status.stored()))
        .replaceWithVoid();
  }

  /**
   * A deleted user's data key was destroyed ({@code UserErased}, ADR 7): their username, display
   * name and email leave {@code recipients} (the row's ids, locale, kind, window and status stay),
   * and their id joins {@code erased_users}, so that no later event writes those again. A second
   * time changes nothing. The delivery log is {@link MailQueue#forget}'s.
   */
  public Uni<Void> erased(SqlClient tx, String tenantId, UUID userId) {
    return tx.preparedQuery(
            "INSERT INTO erased_users (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(userId, tenantId))
        .chain(
            () ->
                tx.preparedQuery(
                        "UPDATE recipients SET username = NULL, display_name = NULL, email = NULL,"
                            + " status = 'deleted' WHERE user_id = $1")
                    .execute(Tuple.of(userId)))
        .replaceWithVoid();
  }

  public Uni<Optional<Recipient>> find(SqlClient client, UUID userId) {
    return client
        .preparedQuery("SELECT * FROM recipients WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(recipient(rows.iterator().next())));
  }

  /** The active user of the tenant with this address, if any. */
  public Uni<Optional<Recipient>> activeByEmail(SqlClient client, String tenantId, String email) {
    return client
        .preparedQuery(
            "SELECT * FROM recipients WHERE tenant_id = $1 AND email = $2 AND status = 'active'")
        .execute(Tuple.of(tenantId, email))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(recipient(rows.iterator().next())));
  }

  /**
   * A user's current code; {@code invitationEvent} marks a first code whose user is not known yet
   * (the invitation waits for them).
   */
  public record Code(UUID userId, String tenantId, String ciphertext, UUID invitationEvent) {}

  /** Records users' current codes in one statement; each user once. */
  public Uni<Void> codeAll(SqlClient tx, List<Code> codes) {
    int size = codes.size();
    UUID[] users = new UUID[size];
    String[] tenants = new String[size];
    String[] ciphertexts = new String[size];
    UUID[] invitations = new UUID[size];
    for (int i = 0; i < size; i++) {
      Code code = codes.get(i);
      users[i] = code.userId();
      tenants[i] = code.tenantId();
      ciphertexts[i] = code.ciphertext();
      invitations[i] = code.invitationEvent();
    }
    return tx.preparedQuery(
            "INSERT INTO recipient_codes (user_id, tenant_id, code_ciphertext, invitation_event)"
                + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])"
                // An invitation waiting for its user goes on waiting through later changes of the
                // code: it goes with the code the user has when they arrive.
                + " ON CONFLICT (user_id) DO UPDATE SET code_ciphertext ="
                + " excluded.code_ciphertext, invitation_event ="
                + " coalesce(excluded.invitation_event, recipient_codes.invitation_event)")
        .execute(Tuple.of(users, tenants, ciphertexts, invitations))
        .replaceWithVoid();
  }

  /** Which of these users are known. */
  public Uni<Set<UUID>> known(SqlClient client, Collection<UUID> userIds) {
    return client
        .preparedQuery("SELECT user_id FROM recipients WHERE user_id = ANY($1)")
        .execute(Tuple.of(userIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Set<UUID> known = new HashSet<>();
              rows.forEach(row -> known.add(row.getUUID("user_id")));
              return known;
            });
  }

  public Uni<Optional<String>> codeCiphertext(SqlClient client, UUID userId) {
    return client
        .preparedQuery("SELECT code_ciphertext FROM recipient_codes WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("code_ciphertext")));
  }

  /** A first code that arrived before its user: the code's event, its user and ciphertext. */
  public record WaitingInvitation(UUID event, UUID userId, String codeCiphertext) {}

  /** The first codes of these users that arrived before them, taken (cleared), in one statement. */
  public Uni<List<WaitingInvitation>> takeWaitingInvitations(
      SqlClient tx, Collection<UUID> userIds) {
    return tx.preparedQuery(
            "UPDATE recipient_codes c SET invitation_event = NULL FROM recipient_codes waiting"
                + " WHERE c.user_id = ANY($1) AND waiting.user_id = c.user_id"
                + " AND waiting.invitation_event IS NOT NULL"
                + " RETURNING waiting.invitation_event AS event, c.user_id, c.code_ciphertext")
        .execute(Tuple.of(userIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              List<WaitingInvitation> waiting = new ArrayList<>();
              rows.forEach(
                  row ->
                      waiting.add(
                          new WaitingInvitation(
                              row.getUUID("event"),
                              row.getUUID("user_id"),
                              row.getString("code_ciphertext"))));
              return waiting;
            });
  }

  public Uni<Void> forgetCredentials(SqlClient tx, UUID userId) {
    return tx.preparedQuery("DELETE FROM recipient_codes WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .chain(
            () ->
                tx.preparedQuery("DELETE FROM recipient_cards WHERE user_id = $1")
                    .execute(Tuple.of(userId)))
        .replaceWithVoid();
  }

  /** A card, ordered among the user's by the time it was registered (its event's). */
  public Uni<Void> card(
      SqlClient tx, UUID cardId, UUID userId, String masked, Instant registeredAt) {
    return tx.preparedQuery(
            "INSERT INTO recipient_cards (card_id, user_id, masked_number, created_at)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (card_id) DO NOTHING")
        .execute(
            Tuple.of(
                cardId, userId, masked, OffsetDateTime.ofInstant(registeredAt, ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  public Uni<Void> cardRemoved(SqlClient tx, UUID cardId) {
    return tx.preparedQuery("DELETE FROM recipient_cards WHERE card_id = $1")
        .execute(Tuple.of(cardId))
        .replaceWithVoid();
  }

  public Uni<List<String>> maskedCards(SqlClient client, UUID userId) {
    return client
        .preparedQuery(
            "SELECT masked_number FROM recipient_cards WHERE user_id = $1 ORDER BY created_at")
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              List<String> cards = new ArrayList<>();
              rows.forEach(row -> cards.add(row.getString("masked_number")));
              return cards;
            });
  }

  /** The tables of the projection (the emails owed and sent are not part of it). */
  public static final java.util.List<String> TABLES =
      java.util.List.of(
          "tenants", "recipients", "recipient_codes", "recipient_cards", "erased_users");

  private static Recipient recipient(Row row) {
    return new Recipient(
        row.getUUID("user_id"),
        row.getString("tenant_id"),
        row.getString("username"),
        row.getString("display_name"),
        row.getString("email"),
        row.getString("locale"),
        row.getString("status"),
        "guest".equals(row.getString("kind")),
        instant(row.getOffsetDateTime("valid_from")),
        instant(row.getOffsetDateTime("valid_until")));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
