package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.eventstore.kafka.CloudEventRecords;
import io.lanyard.eventstore.kafka.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * A database projection rebuilt in a schema of its own: empty copies of its tables, written by the
 * same handler through {@code search_path}, then copied over the live tables in one transaction
 * (readers see the old rows until it commits). The tables it keeps ({@link
 * EventHandler#keptTables()}) get copies too, thrown away after: a rebuild causes nothing a second
 * time.
 */
final class ShadowTables implements Rebuild.Candidate {

  private static final Logger LOG = Logger.getLogger(ShadowTables.class);

  private final String schema;
  private final Pool pool;
  private final EventHandler handler;
  private final EventApplier applier;

  ShadowTables(String consumerName, Pool pool, EventHandler handler) {
    this.schema = "rebuild_" + consumerName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    this.pool = pool;
    this.handler = handler;
    this.applier = new EventApplier(consumerName + "#rebuild", pool, handler, schema + ", public");
  }

  @Override
  public void prepare() {
    inTransaction(
        tx -> {
          Uni<Void> chain = dropSchema(tx).chain(() -> run(tx, "CREATE SCHEMA " + schema));
          for (String table : copiedTables()) {
            chain =
                chain.chain(
                    () ->
                        run(
                            tx,
                            "CREATE TABLE "
                                + schema
                                + "."
                                + table
                                + " (LIKE "
                                + table
                                + " INCLUDING ALL)"));
          }
          return chain;
        });
  }

  @Override
  public void apply(List<ConsumerRecord<String, byte[]>> records) {
    List<EventEnvelope> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        events.add(CloudEventRecords.fromRecord(record));
      } catch (MalformedEventException e) {
        // The live consumer sent it to the dead-letter topic already.
        LOG.debugf("rebuild %s: passing over an unreadable record", schema);
      }
    }
    try {
      applier.applyAll(events, (tx, fresh) -> Uni.createFrom().voidItem());
    } catch (RuntimeException batchFailed) {
      if (!applier.databaseAnswers()) {
        throw batchFailed;
      }
      for (EventEnvelope event : events) {
        applyAlone(event);
      }
    }
  }

  /** One by one, a poison event (dead-lettered by the live consumer already) is passed over. */
  private void applyAlone(EventEnvelope event) {
    try {
      applier.applyAll(List.of(event), (tx, fresh) -> Uni.createFrom().voidItem());
    } catch (RuntimeException e) {
      if (applier.mustWait(e)) {
        throw e;
      }
      LOG.warnf("rebuild %s: passing over %s: %s", schema, event, e.toString());
    }
  }

  @Override
  public RebuildProgress.Checksums switchIn() {
    RebuildProgress.Checksums[] checksums = new RebuildProgress.Checksums[1];
    inTransaction(
        tx ->
            checksum(tx, null)
                .chain(
                    live ->
                        checksum(tx, schema)
                            .invoke(
                                rebuilt ->
                                    checksums[0] = new RebuildProgress.Checksums(live, rebuilt)))
                .chain(() -> keepReplacedIfDifferent(tx, checksums[0]))
                .chain(() -> copyOver(tx))
                .chain(() -> dropSchema(tx)));
    return checksums[0];
  }

  /**
   * Equal checksums are the rule; when they differ, the projection is not a function of its events
   * (a bug to find), and the rows replaced are kept in {@code <schema>_replaced} to compare.
   */
  private Uni<Void> keepReplacedIfDifferent(SqlClient tx, RebuildProgress.Checksums checksums) {
    if (checksums.live().equals(checksums.rebuilt())) {
      return Uni.createFrom().voidItem();
    }
    String kept = schema + "_replaced";
    LOG.warnf(
        "rebuild %s: checksums differ (live %s, rebuilt %s); the replaced rows are kept in %s",
        schema, checksums.live(), checksums.rebuilt(), kept);
    Uni<Void> chain =
        run(tx, "DROP SCHEMA IF EXISTS " + kept + " CASCADE")
            .chain(() -> run(tx, "CREATE SCHEMA " + kept));
    for (String table : handler.projectionTables()) {
      chain =
          chain.chain(
              () -> run(tx, "CREATE TABLE " + kept + "." + table + " AS SELECT * FROM " + table));
    }
    return chain;
  }

  @Override
  public void discard() {
    inTransaction(this::dropSchema);
  }

  /** The live tables' digest, outside any rebuild. */
  String liveChecksum() {
    String[] checksum = new String[1];
    inTransaction(tx -> checksum(tx, null).invoke(value -> checksum[0] = value).replaceWithVoid());
    return checksum[0];
  }

  private Uni<Void> copyOver(SqlClient tx) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String table : handler.projectionTables()) {
      chain =
          chain
              .chain(() -> run(tx, "DELETE FROM " + table))
              .chain(
                  () -> run(tx, "INSERT INTO " + table + " SELECT * FROM " + schema + "." + table));
    }
    return chain;
  }

  /**
   * Per table, an MD5 of its rows' text forms in sorted order (so the order rows were written in
   * does not count); the tables' digests together under SHA-256, 16 hex digits.
   */
  private Uni<String> checksum(SqlClient tx, String inSchema) {
    List<String> digests = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String table : handler.projectionTables()) {
      String qualified = inSchema == null ? table : inSchema + "." + table;
      chain =
          chain.chain(
              () ->
                  tx.query(
                          "SELECT coalesce(md5(string_agg(h, ',' ORDER BY h)), '') AS digest"
                              + " FROM (SELECT md5(t::text) AS h FROM "
                              + qualified
                              + " AS t) AS rows")
                      .execute()
                      .invoke(
                          rows -> digests.add(table + ":" + rows.iterator().next().getString(0)))
                      .replaceWithVoid());
    }
    return chain.map(nothing -> sha256(String.join("\n", digests)));
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> copiedTables() {
    List<String> tables = new ArrayList<>(handler.projectionTables());
    tables.addAll(handler.keptTables());
    return tables;
  }

  private Uni<Void> dropSchema(SqlClient tx) {
    return run(tx, "DROP SCHEMA IF EXISTS " + schema + " CASCADE")
        .chain(
            () ->
                tx.preparedQuery("DELETE FROM event_store.consumer_streams WHERE consumer = $1")
                    .execute(Tuple.of(applier.consumerName()))
                    .replaceWithVoid());
  }

  private static Uni<Void> run(SqlClient tx, String sql) {
    return tx.query(sql).execute().replaceWithVoid();
  }

  private void inTransaction(java.util.function.Function<SqlClient, Uni<Void>> work) {
    pool.withTransaction(work::apply).await().atMost(EventApplier.DB_TIMEOUT);
  }
}
