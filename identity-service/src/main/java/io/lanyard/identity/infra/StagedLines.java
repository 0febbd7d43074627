package io.lanyard.identity.infra;

import io.lanyard.identity.domain.ImportLine;
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
 * <p>A line is deleted once it is done; a line whose user was created with a code or card to hand
 * over stays, {@code owed}, until credential-service has it.
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
    Uni<Void> chain = Uni.createFrom().voidItem();
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

  /** Lines whose users exist and whose code or card credential-service has yet to get, opened. */
  public Uni<List<Credentials>> owed(String tenantId, String importId, int limit) {
    return pool.preparedQuery(
            "SELECT line, user_id, email, sealed_code, sealed_card FROM user_import_lines"
                + " WHERE import_id = $1 AND owed ORDER BY line LIMIT $2")
        .execute(Tuple.of(UUID.fromString(importId), limit))
        .map(rows -> opened(tenantId, rows));
  }

  private List<Credentials> opened(String tenantId, RowSet<Row> rows) {
    List<Credentials> credentials = new ArrayList<>();
    for (Row row : rows) {
      credentials.add(
          new Credentials(
              row.getInteger("line"),
              row.getUUID("user_id").toString(),
              row.getString("email"),
              open(tenantId, row.getString("sealed_code")),
              open(tenantId, row.getString("sealed_card"))));
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
            "SELECT line, user_id FROM user_import_lines WHERE import_id = $1 AND owed"
                + " ORDER BY line")
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

  /** The imports (and their tenants) with lines owed to credential-service. */
  public Uni<List<ImportDirectory.Unfinished>> owing() {
    return pool.preparedQuery(
            "SELECT DISTINCT import_id, tenant_id FROM user_import_lines WHERE owed")
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
   * A chunk through {@code throughLine} is done, in its transaction: the lines whose users now wait
   * for their code or card become owed, the others are deleted.
   */
  public Uni<Void> chunkDone(SqlClient tx, String importId, int throughLine, List<Integer> owed) {
    UUID id = UUID.fromString(importId);
    return tx.preparedQuery(
            "UPDATE user_import_lines SET owed = true WHERE import_id = $1 AND line = ANY($2)")
        .execute(Tuple.of(id, owed.toArray(Integer[]::new)))
        .chain(
            () ->
                tx.preparedQuery(
                        "DELETE FROM user_import_lines WHERE import_id = $1 AND line <= $2"
                            + " AND NOT owed")
                    .execute(Tuple.of(id, throughLine)))
        .replaceWithVoid();
  }

  /** These lines' codes and cards reached credential-service: they are done. */
  public Uni<Void> handedOver(SqlClient tx, String importId, List<Integer> lines) {
    return tx.preparedQuery("DELETE FROM user_import_lines WHERE import_id = $1 AND line = ANY($2)")
        .execute(Tuple.of(UUID.fromString(importId), lines.toArray(Integer[]::new)))
        .replaceWithVoid();
  }

  /** The import was given up on: every line goes, those owed too (they are reported refused). */
  public Uni<Void> givenUp(SqlClient tx, String importId) {
    return tx.preparedQuery("DELETE FROM user_import_lines WHERE import_id = $1")
        .execute(Tuple.of(UUID.fromString(importId)))
        .replaceWithVoid();
  }

  /** The import ended: every line goes but those still owed to credential-service. */
  public Uni<Void> ended(SqlClient tx, String importId) {
    return tx.preparedQuery("DELETE FROM user_import_lines WHERE import_id = $1 AND NOT owed")
        .execute(Tuple.of(UUID.fromString(importId)))
        .replaceWithVoid();
  }
}
