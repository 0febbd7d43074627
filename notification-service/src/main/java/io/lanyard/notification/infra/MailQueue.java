package io.lanyard.notification.infra;

import io.lanyard.notification.domain.MailDetails;
import io.lanyard.notification.domain.MailKind;
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
import java.util.List;
import java.util.UUID;

/**
 * The emails owed and what became of them ({@code mails}): queued in the transaction that applies
 * the event that calls for them, at most once per event and kind; sent by {@code MailSender} in
 * order per user. It is also the delivery log the admins read; it holds no code in clear.
 */
@ApplicationScoped
public class MailQueue {

  /**
   * An email owed. {@code address}: where to send it if not to the user's current email; {@code
   * codeCiphertext}: null for an email that shows no code.
   */
  public record Mail(
      UUID id,
      MailKind kind,
      String tenantId,
      UUID userId,
      String address,
      String codeCiphertext,
      MailDetails details,
      int attempts) {}

  /** A line of the delivery log. */
  public record Entry(
      String id,
      String kind,
      Instant createdAt,
      String status,
      int attempts,
      Instant sentAt,
      String lastError) {}

  private final Pool pool;

  MailQueue(Pool pool) {
    this.pool = pool;
  }

  /**
   * An email owed because of an event ({@code sourceEventId}); {@code address}: where it goes if
   * not to the user's own.
   */
  public record Queued(
      UUID sourceEventId,
      MailKind kind,
      String tenantId,
      UUID userId,
      String address,
      String codeCiphertext,
      MailDetails details) {

    public Queued {
      if (kind.carriesCode() != (codeCiphertext != null)) {
        throw new IllegalArgumentException(
            kind.wire() + (kind.carriesCode() ? " needs a code" : " must not carry a code"));
      }
    }
  }

  /**
   * Queues emails in one statement, in their order; the same event and kind again queues nothing.
   */
  public Uni<Void> queueAll(SqlClient tx, List<Queued> emails) {
    if (emails.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = emails.size();
    UUID[] ids = new UUID[size];
    UUID[] events = new UUID[size];
    String[] kinds = new String[size];
    String[] tenants = new String[size];
    UUID[] users = new UUID[size];
    String[] addresses = new String[size];
    String[] codes = new String[size];
    OffsetDateTime[] rotations = new OffsetDateTime[size];
    Integer[] maxAges = new Integer[size];
    for (int i = 0; i < size; i++) {
      Queued email = emails.get(i);
      ids[i] = UUID.randomUUID();
      events[i] = email.sourceEventId();
      kinds[i] = email.kind().wire();
      tenants[i] = email.tenantId();
      users[i] = email.userId();
      addresses[i] = email.address();
      codes[i] = email.codeCiphertext();
      Instant rotatesAt = email.details().rotatesAt();
      rotations[i] = rotatesAt == null ? null : rotatesAt.atOffset(ZoneOffset.UTC);
      maxAges[i] = email.details().maxCodeAgeDays();
    }
    // WITH ORDINALITY and clock_timestamp(): each row its own time, in the given order (a user's
    // emails leave in the order they were queued).
    return tx.preparedQuery(
            "INSERT INTO mails (id, source_event_id, kind, tenant_id, user_id, address,"
                + " code_ciphertext, rotates_at, max_code_age_days, status, next_attempt_at,"
                + " created_at) SELECT x.id, x.event, x.kind, x.tenant, x.user_id, x.address,"
                + " x.code, x.rotates_at, x.max_age, 'pending', now(), clock_timestamp()"
                + " FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[],"
                + " $6::text[], $7::text[], $8::timestamptz[], $9::int[]) WITH ORDINALITY"
                + " AS x (id, event, kind, tenant, user_id, address, code, rotates_at, max_age, n)"
                + " ORDER BY x.n ON CONFLICT (source_event_id, kind) DO NOTHING")
        .execute(
            Tuple.tuple(
                List.of(ids, events, kinds, tenants, users, addresses, codes, rotations, maxAges)))
        .replaceWithVoid();
  }

  /** An email an admin asked for (a resent invitation): no event behind it; answers its id. */
  public Uni<UUID> queueRequested(
      SqlClient tx, MailKind kind, String tenantId, UUID userId, String codeCiphertext) {
    UUID id = UUID.randomUUID();
    return tx.preparedQuery(
            "INSERT INTO mails (id, kind, tenant_id, user_id, code_ciphertext, status,"
                + " next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', now(),"
                + " clock_timestamp())")
        .execute(Tuple.of(id, kind.wire(), tenantId, userId, codeCiphertext))
        .replaceWith(id);
  }

  /**
   * Emails due now whose user has no earlier email still pending (so a user's emails leave in the
   * order they were queued, whatever the retries).
   */
  public Uni<List<Mail>> due(int limit) {
    return pool.preparedQuery(
            "SELECT m.* FROM mails m WHERE m.status = 'pending' AND m.next_attempt_at <= now()"
                + " AND NOT EXISTS (SELECT 1 FROM mails e WHERE e.user_id = m.user_id"
                + " AND e.status = 'pending' AND (e.created_at, e.id) < (m.created_at, m.id))"
                + " ORDER BY m.created_at, m.id LIMIT $1")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<Mail> mails = new ArrayList<>();
              rows.forEach(row -> mails.add(mail(row)));
              return mails;
            });
  }

  public Uni<Void> sent(SqlClient tx, UUID id, int attempts) {
    return tx.preparedQuery(
            "UPDATE mails SET status = 'sent', attempts = $2, sent_at = now(), last_error = NULL"
                + " WHERE id = $1")
        .execute(Tuple.of(id, attempts))
        .replaceWithVoid();
  }

  public Uni<Void> retryAt(UUID id, int attempts, Instant next, String error) {
    return pool.preparedQuery(
            "UPDATE mails SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1")
        .execute(Tuple.of(id, attempts, next.atOffset(ZoneOffset.UTC), error))
        .replaceWithVoid();
  }

  public Uni<Void> failed(SqlClient tx, UUID id, int attempts, String error) {
    return tx.preparedQuery(
            "UPDATE mails SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1")
        .execute(Tuple.of(id, attempts, error))
        .replaceWithVoid();
  }

  /**
   * An erased user's lines of the delivery log keep their facts (id, event, kind, times, status,
   * attempts) and lose what is about the person (ADR 7): the address a reminder went to and the
   * error texts, which may quote it. The body is never stored (built when sent).
   */
  public Uni<Void> forget(SqlClient tx, UUID userId) {
    return tx.preparedQuery(
            "UPDATE mails SET address = NULL, last_error = NULL WHERE user_id = $1"
                + " AND (address IS NOT NULL OR last_error IS NOT NULL)")
        .execute(Tuple.of(userId))
        .replaceWithVoid();
  }

  /** A user's emails, newest first. */
  public Uni<List<Entry>> log(SqlClient client, String tenantId, UUID userId) {
    return client
        .preparedQuery(
            "SELECT id, kind, created_at, status, attempts, sent_at, last_error FROM mails"
                + " WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at DESC, id LIMIT 200")
        .execute(Tuple.of(tenantId, userId))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              rows.forEach(
                  row ->
                      entries.add(
                          new Entry(
                              row.getUUID("id").toString(),
                              row.getString("kind"),
                              instant(row.getOffsetDateTime("created_at")),
                              row.getString("status"),
                              row.getInteger("attempts"),
                              instant(row.getOffsetDateTime("sent_at")),
                              row.getString("last_error"))));
              return entries;
            });
  }

  private static Mail mail(Row row) {
    return new Mail(
        row.getUUID("id"),
        MailKind.fromWire(row.getString("kind")),
        row.getString("tenant_id"),
        row.getUUID("user_id"),
        row.getString("address"),
        row.getString("code_ciphertext"),
        new MailDetails(
            instant(row.getOffsetDateTime("rotates_at")), row.getInteger("max_code_age_days")),
        row.getInteger("attempts"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
