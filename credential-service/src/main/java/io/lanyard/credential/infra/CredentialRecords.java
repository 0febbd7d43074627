package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read model of codes and cards, changed with each credential event in the appending
 * transaction. Its unique indexes decide "code in use" and "card in use" within a tenant.
 */
@ApplicationScoped
public class CredentialRecords {

  public Uni<Void> apply(SqlClient tx, CredentialEvent event) {
    UUID user = UUID.fromString(event.userId());
    Uni<?> change;
    if (event instanceof CredentialEvent.AccessCodeChanged e) {
      change =
          tx.preparedQuery(
                  "INSERT INTO access_codes (user_id, tenant_id, code_hash, code_ciphertext,"
                      + " reason, updated_at, valid_from, expires_at) VALUES ($1, $2, $3, $4, $5,"
                      + " now(), $6, $7) ON CONFLICT (user_id) DO UPDATE SET code_hash ="
                      + " excluded.code_hash, code_ciphertext = excluded.code_ciphertext, reason ="
                      + " excluded.reason, updated_at = now(), valid_from = excluded.valid_from,"
                      + " expires_at = excluded.expires_at, expired = false, rotation_noticed ="
                      + " false")
              .execute(
                  Tuple.from(
                      Arrays.asList(
                          user,
                          e.tenantId(),
                          e.codeHash(),
                          e.codeCiphertext(),
                          CredentialCodedValues.wire(e.reason()),
                          KnownUsers.offset(e.window().validFrom()),
                          KnownUsers.offset(e.window().expiresAt()))));
    } else if (event instanceof CredentialEvent.AccessCodeExpiryChanged e) {
      // A new deadline is a new fact for the scheduler to record when it passes.
      change =
          tx.preparedQuery(
                  "UPDATE access_codes SET valid_from = $2, expires_at = $3, expired = false"
                      + " WHERE user_id = $1")
              .execute(
                  Tuple.of(
                      user,
                      KnownUsers.offset(e.window().validFrom()),
                      KnownUsers.offset(e.window().expiresAt())));
    } else if (event instanceof CredentialEvent.AccessCodeExpired) {
      change =
          tx.preparedQuery("UPDATE access_codes SET expired = true WHERE user_id = $1")
              .execute(Tuple.of(user));
    } else if (event instanceof CredentialEvent.AccessCodeRotationDue) {
      change =
          tx.preparedQuery("UPDATE access_codes SET rotation_noticed = true WHERE user_id = $1")
              .execute(Tuple.of(user));
    } else if (event instanceof CredentialEvent.CardRegistered e) {
      change =
          tx.preparedQuery(
                  "INSERT INTO cards (id, user_id, tenant_id, card_hash, card_ciphertext,"
                      + " masked_number, label, source, created_at)"
                      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())")
              .execute(
                  Tuple.from(
                      Arrays.asList(
                          UUID.fromString(e.cardId()),
                          user,
                          e.tenantId(),
                          e.cardHash(),
                          e.cardCiphertext(),
                          e.maskedNumber(),
                          e.label(),
                          CredentialCodedValues.wire(e.source()))));
    } else if (event instanceof CredentialEvent.CardRemoved e) {
      change =
          tx.preparedQuery("DELETE FROM cards WHERE id = $1")
              .execute(Tuple.of(UUID.fromString(e.cardId())));
    } else if (event instanceof CredentialEvent.CredentialsRevoked) {
      change =
          tx.preparedQuery("DELETE FROM access_codes WHERE user_id = $1")
              .execute(Tuple.of(user))
              .chain(
                  () ->
                      tx.preparedQuery("DELETE FROM cards WHERE user_id = $1")
                          .execute(Tuple.of(user)));
    } else {
      return Uni.createFrom().voidItem();
    }
    return change
        .onFailure(PgException.class)
        .transform(CredentialRecords::inUse)
        .replaceWithVoid();
  }

  /** A user's code and cards as the admin sees them: the code masked, the cards masked. */
  public Uni<CredentialView> view(SqlClient client, UUID userId) {
    Uni<Optional<Row>> code =
        client
            .preparedQuery(
                "SELECT reason, code_ciphertext, updated_at, valid_from, expires_at, expired"
                    + " FROM access_codes WHERE user_id = $1")
            .execute(Tuple.of(userId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
    Uni<List<CardView>> cards =
        client
            .preparedQuery(
                "SELECT id, label, masked_number, source FROM cards WHERE user_id = $1"
                    + " ORDER BY created_at, id")
            .execute(Tuple.of(userId))
            .map(
                rows -> {
                  List<CardView> views = new ArrayList<>();
                  rows.forEach(
                      row ->
                          views.add(
                              new CardView(
                                  row.getUUID("id").toString(),
                                  row.getString("label"),
                                  row.getString("masked_number"),
                                  row.getString("source"))));
                  return views;
                });
    return Uni.combine()
        .all()
        .unis(code, cards)
        .asTuple()
        .map(both -> view(both.getItem1(), both.getItem2()));
  }

  private static CredentialView view(Optional<Row> code, List<CardView> cards) {
    if (code.isEmpty()) {
      return new CredentialView(null, null, cards, null, CodeWindow.NONE, false);
    }
    Row row = code.get();
    return new CredentialView(
        row.getString("code_ciphertext"),
        CredentialCodedValues.codeReason(row.getString("reason")).source(),
        cards,
        KnownUsers.instant(row.getOffsetDateTime("updated_at")),
        new CodeWindow(
            KnownUsers.instant(row.getOffsetDateTime("valid_from")),
            KnownUsers.instant(row.getOffsetDateTime("expires_at"))),
        row.getBoolean("expired"));
  }

  /**
   * Who holds a code (by its keyed hash), whatever their status, and when it works.
   *
   * @param active whether the holder is an active user
   * @param expiryRecorded whether the scheduler recorded its deadline as passed
   */
  public record CodeHolder(UUID userId, boolean active, CodeWindow window, boolean expiryRecorded) {

    /** Past its deadline by the clock, or recorded so. */
    public boolean expired(java.time.Instant now) {
      return expiryRecorded || window.hasEnded(now);
    }
  }

  public Uni<Optional<CodeHolder>> holderOfCode(
      SqlClient client, String tenantId, String codeHash) {
    return client
        .preparedQuery(
            "SELECT a.user_id, a.valid_from, a.expires_at, a.expired, u.status FROM access_codes a"
                + " LEFT JOIN known_users u ON u.id = a.user_id"
                + " WHERE a.tenant_id = $1 AND a.code_hash = $2")
        .execute(Tuple.of(tenantId, codeHash))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new CodeHolder(
                      row.getUUID("user_id"),
                      "active".equals(row.getString("status")),
                      new CodeWindow(
                          KnownUsers.instant(row.getOffsetDateTime("valid_from")),
                          KnownUsers.instant(row.getOffsetDateTime("expires_at"))),
                      row.getBoolean("expired")));
            });
  }

  private static Throwable inUse(Throwable failure) {
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      String constraint = String.valueOf(pg.getConstraint());
      if (constraint.contains("code_in_use")) {
        return DomainException.conflict("code_in_use", "another user of this tenant has this code");
      }
      if (constraint.contains("card_in_use")) {
        return DomainException.conflict("card_in_use", "another user of this tenant has this card");
      }
    }
    return failure;
  }

  /**
   * Of these keyed hashes, the codes ({@code code:<hash>}) and cards ({@code card:<hash>}) in use.
   */
  public Uni<java.util.Set<String>> inUse(
      io.vertx.mutiny.sqlclient.SqlClient client,
      String tenantId,
      java.util.List<String> codeHashes,
      java.util.List<String> cardHashes) {
    var codes =
        io.lanyard.runtime.sql.BatchLookup.each(
            client,
            "SELECT 'code:' || code_hash AS taken FROM access_codes"
                + " WHERE tenant_id = $1 AND code_hash = $2",
            codeHashes.stream()
                .map(hash -> io.vertx.mutiny.sqlclient.Tuple.of(tenantId, hash))
                .toList());
    var cards =
        io.lanyard.runtime.sql.BatchLookup.each(
            client,
            "SELECT 'card:' || card_hash AS taken FROM cards WHERE tenant_id = $1 AND card_hash ="
                + " $2",
            cardHashes.stream()
                .map(hash -> io.vertx.mutiny.sqlclient.Tuple.of(tenantId, hash))
                .toList());
    return codes.chain(
        codeRows ->
            cards.map(
                cardRows -> {
                  java.util.Set<String> taken = new java.util.HashSet<>();
                  codeRows.forEach(row -> taken.add(row.getString("taken")));
                  cardRows.forEach(row -> taken.add(row.getString("taken")));
                  return taken;
                }));
  }
}
