package io.lanyard.identity.infra;

import io.lanyard.identity.domain.ImportLine;
import io.lanyard.identity.domain.UserImport;
import io.lanyard.secrets.SecretCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An import's parsed lines while it runs ({@code user_import_lines}): the file itself, which no
 * event carries. Codes and card numbers are sealed here with identity's own cipher ring under the
 * purpose {@value #PURPOSE} (AES-GCM, a key per tenant): never at rest in clear, opened only to be
 * sent to credential-service.
 *
 * <p>Each line is written once and deleted once: the lines of a committed chunk stay until the
 * chunk's codes and cards have reached credential-service, then go together, by range. How far that
 * is per import is {@code user_import_handovers.handed_through}; the lines after it up to the
 * import's {@code through_line} are owed. (Marking each line owed and deleting each line apart
 * wrote every line three times and left dead versions that every later step scanned.)
 */
@ApplicationScoped
public class StagedLines {

  /** The cipher purpose of staged codes and card numbers. */
  public static final String PURPOSE = "import";

  /** Rows a statement inserts: 100,000 lines go in 20 round trips. */
  private static final int ROWS_A_STATEMENT = 5_000;

  /**
   * A staged line as the worker reads it to create the user: its pre-assigned user id (so a chunk
   * done twice would find the user's stream taken), its profile, or why it was refused.
   */
  public record Staged(
      int line,
      String userId,
      String username,
      String displayName,
      String email,
      String orgUnit,
      boolean firstCodeFollows,
      String refused) {}

  /** A line's code and card, opened, for credential-service. Its text shows neither. */
  public record Credentials(
      int line, String userId, String email, String accessCode, String cardNumber) {

    @Override
    public String toString() {
      return "Credentials[line=" + line + ", userId=" + userId + "]";
    }
  }

  private final Pool pool;
  private final SecretCipher cipher;

  StagedLines(Pool pool, SecretCipher cipher) {
    this.pool = pool;
    this.cipher = cipher;
  }

  /**
   * Stages the lines of a new import, sealing codes and cards, in the caller's transaction.
   *
   * @param userIds the id each accepted line's user will have, by position in {@code lines}
   */
  public Uni<Void> stage(
      SqlClient tx,
      String importId,
      String tenantId,
      List<ImportLine> lines,
      List<String> userIds) {
    Uni<Void> chain =
        tx.preparedQuery(
                "INSERT INTO user_import_handovers (import_id, tenant_id, handed_through)"
                    + " VALUES ($1, $2, $3)")
            .execute(Tuple.of(UUID.fromString(importId), tenantId, UserImport.HEADER_LINE))
            .replaceWithVoid();
    for (int from = 0; from < lines.size(); from += ROWS_A_STATEMENT) {
      int to = Math.min(lines.size(), from + ROWS_A_STATEMENT);
      Tuple rows = rows(importId, tenantId, lines.subList(from, to), userIds.subList(from, to));
      chain =
          chain.chain(
              () ->
                  tx.preparedQuery(
                          "INSERT INTO user_import_lines (import_id, tenant_id, line, user_id,"
                              + " username, display_name, email, org_unit, sealed_code,"
                              + " sealed_card, refused)"
                              + " SELECT $1, $2, x.* FROM unnest($3::int[], $4::uuid[],"
                              + " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],"
                              + " $10::text[], $11::text[]) AS x")
                      .execute(rows)
                      .replaceWithVoid());
    }
    return chain;
  }

  /**
   * Gives the planner the staged lines' statistics after a large import was staged: autovacuum
   * would analyse the table only later, and until then the worker's "next lines after" read every
   * line left of the import and sorted them, once per chunk (12 ms instead of 0.2 ms at 100,000).
   */
  public Uni<Void> analyse() {
    return pool.query("ANALYZE user_import_lines").execute().replaceWithVoid();
  }

  private Tuple rows(
      String importId, String tenantId, List<ImportLine> lines, List<String> userIds) {
    int size = lines.size();
    Integer[] numbers = new Integer[size];
    UUID[] users = new UUID[size];
    String[] usernames = new String[size];
    String[] displayNames = new String[size];
    String[] emails = new String[size];
    String[] orgUnits = new String[size];
    String[] codes = new String[size];
    String[] cards = new String[size];
    String[] refused = new String[size];
    for (int i = 0; i < size; i++) {
      ImportLine line = lines.get(i);
      numbers[i] = line.line();
      refused[i] = line.refused();
      if (line.isRefused()) {
        continue;
      }
      users[i] = UUID.fromString(userIds.get(i));
      usernames[i] = line.profile().username();
      displayNames[i] = line.profile().displayName();
      emails[i] = line.profile().email();
      orgUnits[i] = line.profile().orgUnit();
      codes[i] = seal(tenantId, line.accessCode());
      cards[i] = seal(tenantId, line.cardNumber());
    }
    return Tuple.tuple(
        List.of(
            UUID.fromString(importId),
            tenantId,
            numbers,
            users,
            usernames,
            displayNames,
            emails,
            orgUnits,
            codes,
            cards,
            refused));
  }

  private String seal(String tenantId, String secret) {
    return secret == null ? null : cipher.encrypt(tenantId, PURPOSE, secret);
  }

  private String open(String tenantId, String sealed) {
    return sealed == null ? null : cipher.decrypt(tenantId, PURPOSE, sealed);
  }

  /** The next lines after {@code afterLine}, at most {@code limit}, in order. */
  public Uni<List<Staged>> after(String importId, int afterLine, int limit) {
    return pool.preparedQuery(
            "SELECT line, user_id, username, display_name, email, org_unit, refused,"
                + " (sealed_code IS NOT NULL OR sealed_card IS NOT NULL) AS first_code_follows"
                + " FROM user_import_lines WHERE import_id = $1 AND line > $2"
                + " ORDER BY line LIMIT $3")
        .execute(Tuple.of(UUID.fromString(importId), afterLine, limit))
        .map(StagedLines::staged);
  }

  private static List<Staged> staged(RowSet<Row> rows) {
    List<Staged> staged = new ArrayList<>();
    for (Row row : rows) {
      UUID user = row.getUUID("user_id");
      staged.add(
          new Staged(
              row.getInteger("line"),
              user == null ? null : user.toString(),
              row.getString("username"),
              row.getString("display_name"),
              row.getString("email"),
              row.getString("org_unit"),
              Boolean.TRUE.equals(row.getBoolean("first_code_follows")),
              row.getString("refused")));
    }
    return staged;
  }

  /**
   * Accepted lines after {@code afterLine} that carry a code or card, opened: what an
   * all-or-nothing import asks credential-service to check first. At most {@code limit}.
   */
  public Uni<List<Credentials>> toCheck(
      String tenantId, String importId, int afterLine, int limit) {
    return pool.preparedQuery(
            "SELECT line, user_id, email, sealed_code, sealed_card FROM user_import_lines"
                + " WHERE import_id = $1 AND line > $2 AND refused IS NULL"
                + " AND (sealed_code IS NOT NULL OR sealed_card IS NOT NULL)"
                + " ORDER BY line LIMIT $3")
        .execute(Tuple.of(UUID.fromString(importId), afterLine, limit))
        .map(rows -> opened(tenantId, rows));
  }

  /**
   * The next staged lines of committed chunks not yet handed over, at most {@code limit}, in order;
   * each says whether its user was created with a code or card for credential-service ({@link
   * Handover#owed()}), the others are only to be deleted with them.
   */
  public Uni<Handover> nextHandover(String tenantId, String importId, int limit) {
    UUID id = UUID.fromString(importId);
    return pool.preparedQuery(
            "SELECT h.handed_through, i.through_line FROM user_import_handovers h"
                + " JOIN user_imports i ON i.id = h.import_id WHERE h.import_id = $1")
        .execute(Tuple.of(id))
        .chain(
            bounds -> {
              if (bounds.size() == 0) {
                return Uni.createFrom().item(Handover.NOTHING);
              }
              Row row = bounds.iterator().next();
              int handed = row.getInteger("handed_through");
              int through = row.getInteger("through_line");
              if (handed >= through) {
                return Uni.createFrom().item(Handover.NOTHING);
              }
              return linesBetween(tenantId, id, handed, through, limit);
            });
  }

  private Uni<Handover> linesBetween(
      String tenantId, UUID importId, int after, int through, int limit) {
    return pool.preparedQuery(
            // Each line's result by its key (OFFSET 0 keeps it a probe): as a join, a plan made
            // without statistics hashed every result of the table, once per batch.
            "SELECT l.line, l.user_id, l.email, l.sealed_code, l.sealed_card, r.created"
                + " FROM (SELECT * FROM user_import_lines WHERE import_id = $1 AND line > $2"
                + " AND line <= $3 ORDER BY line LIMIT $4) l"
                + " LEFT JOIN LATERAL (SELECT outcome = 'created' AS created"
                + " FROM user_import_results WHERE import_id = l.import_id AND line = l.line"
                + " OFFSET 0) r ON true ORDER BY l.line")
        .execute(Tuple.of(importId, after, through, limit))
        .map(
            rows -> {
              List<Credentials> owed = new ArrayList<>();
              int last = after;
              for (Row row : rows) {
                last = row.getInteger("line");
                if (owes(row)) {
                  owed.add(opened(tenantId, row));
                }
              }
              // Fewer lines than asked for: the batch covers every committed chunk.
              return new Handover(owed, rows.size() < limit ? through : last);
            });
  }

  /**
   * A batch to hand over: the lines owed to credential-service, and the line through which the
   * batch reaches ({@code -1}: nothing left).
   */
  public record Handover(List<Credentials> owed, int through) {
    static final Handover NOTHING = new Handover(List.of(), -1);

    public boolean isEmpty() {
      return through < 0;
    }
  }

  private static boolean owes(Row row) {
    return Boolean.TRUE.equals(row.getBoolean("created"))
        && (row.getString("sealed_code") != null || row.getString("sealed_card") != null);
  }

  private Credentials opened(String tenantId, Row row) {
    return new Credentials(
        row.getInteger("line"),
        row.getUUID("user_id").toString(),
        row.getString("email"),
        open(tenantId, row.getString("sealed_code")),
        open(tenantId, row.getString("sealed_card")));
  }

  private List<Credentials> opened(String tenantId, RowSet<Row> rows) {
    List<Credentials> credentials = new ArrayList<>();
    for (Row row : rows) {
      credentials.add(opened(tenantId, row));
    }
    return credentials;
  }

  /** A line owed to credential-service, not opened: which line, whose user. */
  public record Owed(int line, String userId) {}

  /**
   * Every line of the import still owed to credential-service, in order, without opening anything:
   * what an import given up on reports (its sealed values may be what could not be opened).
   */
  public Uni<List<Owed>> owedLines(String importId) {
    return pool.preparedQuery(
            "SELECT l.line, l.user_id FROM user_import_handovers h"
                + " JOIN user_imports i ON i.id = h.import_id"
                + " JOIN user_import_lines l ON l.import_id = h.import_id"
                + " AND l.line > h.handed_through AND l.line <= i.through_line"
                + " JOIN user_import_results r ON r.import_id = l.import_id AND r.line = l.line"
                + " WHERE h.import_id = $1 AND r.outcome = 'created'"
                + " AND (l.sealed_code IS NOT NULL OR l.sealed_card IS NOT NULL)"
                + " ORDER BY l.line")
        .execute(Tuple.of(UUID.fromString(importId)))
        .map(
            rows -> {
              List<Owed> owed = new ArrayList<>();
              rows.forEach(
                  row ->
                      owed.add(
                          new Owed(row.getInteger("line"), row.getUUID("user_id").toString())));
              return owed;
            });
  }

  /** The imports (and their tenants) with committed chunks not yet handed over. */
  public Uni<List<ImportDirectory.Unfinished>> owing() {
    return pool.preparedQuery(
            "SELECT h.import_id, h.tenant_id FROM user_import_handovers h"
                + " JOIN user_imports i ON i.id = h.import_id"
                + " WHERE h.handed_through < i.through_line")
        .execute()
        .map(
            rows -> {
              List<ImportDirectory.Unfinished> owing = new ArrayList<>();
              rows.forEach(
                  row ->
                      owing.add(
                          new ImportDirectory.Unfinished(
                              row.getUUID("import_id").toString(), row.getString("tenant_id"))));
              return owing;
            });
  }

  /**
   * The lines through {@code throughLine} reached credential-service (or had nothing for it): they
   * are deleted, in one range, and the handover moves past them.
   */
  public Uni<Void> handedOver(SqlClient tx, String importId, int throughLine) {
    UUID id = UUID.fromString(importId);
    return tx.preparedQuery(
            "DELETE FROM user_import_lines l USING user_import_handovers h"
                + " WHERE h.import_id = $1 AND l.import_id = $1"
                + " AND l.line > h.handed_through AND l.line <= $2")
        .execute(Tuple.of(id, throughLine))
        .chain(
            () ->
                tx.preparedQuery(
                        "UPDATE user_import_handovers SET handed_through = $2"
                            + " WHERE import_id = $1 AND handed_through < $2")
                    .execute(Tuple.of(id, throughLine)))
        .replaceWithVoid();
  }

  /**
   * The import was given up on: every line goes, those owed too (they are reported refused), and
   * nothing is owed any more.
   */
  public Uni<Void> givenUp(SqlClient tx, String importId) {
    UUID id = UUID.fromString(importId);
    return tx.preparedQuery("DELETE FROM user_import_lines WHERE import_id = $1")
        .execute(Tuple.of(id))
        .chain(
            () ->
                tx.preparedQuery(
                        "UPDATE user_import_handovers h SET handed_through = i.through_line"
                            + " FROM user_imports i WHERE i.id = h.import_id AND h.import_id = $1")
                    .execute(Tuple.of(id)))
        .replaceWithVoid();
  }

  /**
   * An erased user's staged lines (ADR 7: nothing identity holds about the person stays), whatever
   * their import: the user was deleted first, so a code or card still owed has no one to go to.
   * Without an index on {@code user_id}: lines stay only while their import runs, and an index
   * would be one more write per staged line for what an erasure, rarely, reads once.
   */
  public Uni<Void> forgetUser(SqlClient tx, String tenantId, UUID userId) {
    return tx.preparedQuery("DELETE FROM user_import_lines WHERE tenant_id = $1 AND user_id = $2")
        .execute(Tuple.of(tenantId, userId))
        .replaceWithVoid();
  }

  /**
   * The import ended: the lines no chunk reached go (a cancel, a failed all-or-nothing import);
   * those of committed chunks stay until their codes and cards are handed over.
   */
  public Uni<Void> ended(SqlClient tx, String importId) {
    return tx.preparedQuery(
            "DELETE FROM user_import_lines l USING user_imports i"
                + " WHERE i.id = $1 AND l.import_id = $1 AND l.line > i.through_line")
        .execute(Tuple.of(UUID.fromString(importId)))
        .replaceWithVoid();
  }
}
