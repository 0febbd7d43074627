package io.lanyard.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a service runs a command against one aggregate: in one transaction, load its stream, fold the
 * events into state, let the state decide new events, append them with the version loaded, apply
 * them to the service's own read model, and read the answer; all of it again when another writer
 * won the race for the stream ({@link ConflictRetry}).
 *
 * @param <S> the aggregate's state
 * @param <E> the aggregate's events
 */
public final class CommandExecutor<S, E> {

  /** Applies an event to a read model, in the appending transaction. */
  public interface Projector<E> {
    Uni<Void> apply(SqlConnection tx, E event);

    /**
     * The events of many new streams ({@link #startAllIn}), each stream's in order. By default each
     * stream's events go in turn and the streams together, which pipelines the statements; a
     * projector overrides it to write a page of new streams with one statement per table.
     */
    default Uni<Void> applyStarts(SqlConnection tx, List<List<E>> streams) {
      if (streams.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      return Uni.join()
          .all(
              streams.stream()
                  .map(
                      events -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (E event : events) {
                          chain = chain.chain(() -> apply(tx, event));
                        }
                        return chain;
                      })
                  .toList())
          .andFailFast()
          .replaceWithVoid();
    }
  }

  /**
   * The data keys of the streams' users (ADR 7), read in the command's transaction before its
   * stream is decoded and its new events encoded: for a service whose events carry a person's data
   * sealed. A new stream's key is made here, in the transaction that starts the stream.
   */
  public interface Keys {
    Keys NONE = (tx, tenantId, streamIds) -> Uni.createFrom().item(PersonalKeys.NONE);

    /**
     * @throws ConcurrencyConflictException (as the Uni's failure) when another transaction is
     *     making one of the keys: the command runs again
     */
    Uni<PersonalKeys> of(SqlConnection tx, String tenantId, List<String> streamIds);

    /**
     * Called before the command's transaction opens: keys that come from another service are
     * fetched here (and cached), so that no connection waits for it inside a transaction.
     */
    default Uni<Void> prepare(String tenantId, List<String> streamIds) {
      return Uni.createFrom().voidItem();
    }
  }

  private final PgEventStore store;
  private final JsonEventCodec<E> codec;
  private final String streamType;
  private final Function<List<E>, S> fold;
  private final Projector<E> projector;
  private final ConflictRetry retry;
  private final Keys keys;

  public CommandExecutor(
      PgEventStore store,
      JsonEventCodec<E> codec,
      String streamType,
      Function<List<E>, S> fold,
      Projector<E> projector,
      ConflictRetry retry) {
    this(store, codec, streamType, fold, projector, retry, Keys.NONE);
  }

  public CommandExecutor(
      PgEventStore store,
      JsonEventCodec<E> codec,
      String streamType,
      Function<List<E>, S> fold,
      Projector<E> projector,
      ConflictRetry retry,
      Keys keys) {
    this.keys = keys;
    this.store = store;
    this.codec = codec;
    this.streamType = streamType;
    this.fold = fold;
    this.projector = projector;
    this.retry = retry;
  }

  public <R> Uni<R> execute(
      String streamId,
      String tenantId,
      Function<S, List<E>> decide,
      Function<SqlConnection, Uni<R>> answer) {
    return retry.run(
        () ->
            keys.prepare(tenantId, List.of(streamId))
                .chain(
                    () ->
                        store.inTransaction(
                            tx ->
                                executeIn(tx, streamId, tenantId, decide)
                                    .chain(() -> answer.apply(tx)))));
  }

  /**
   * The same inside a transaction the caller owns (a consumer applying an event), without retries:
   * a lost race fails the caller's transaction, which the caller retries whole.
   */
  public Uni<List<E>> executeIn(
      SqlConnection tx, String streamId, String tenantId, Function<S, List<E>> decide) {
    return keys.of(tx, tenantId, List.of(streamId))
        .chain(
            personal ->
                store
                    .load(tx, streamId)
                    .chain(
                        stream -> {
                          List<E> events = decide.apply(fold.apply(codec.decode(stream, personal)));
                          return store
                              .append(
                                  tx,
                                  new StreamId(streamType, streamId, tenantId),
                                  stream.version(),
                                  codec.encode(events, personal))
                              .chain(() -> project(tx, events))
                              .replaceWith(events);
                        }));
  }

  /**
   * The same from a state the caller read at {@code version} instead of from the stream: for an
   * aggregate whose stream is long and whose read model, written in each appending transaction,
   * holds all the state its decisions need (a 100,000-line import's progress reports). The append
   * still expects {@code version}, so a state read before another writer's append loses the race as
   * a loaded one would ({@link ConcurrencyConflictException}).
   */
  public Uni<List<E>> executeFrom(
      SqlConnection tx,
      String streamId,
      String tenantId,
      S state,
      long version,
      Function<S, List<E>> decide) {
    List<E> events = decide.apply(state);
    if (events.isEmpty()) {
      return store
          .append(tx, new StreamId(streamType, streamId, tenantId), version, List.of())
          .replaceWith(events);
    }
    return keys.of(tx, tenantId, List.of(streamId))
        .chain(
            personal ->
                store.append(
                    tx,
                    new StreamId(streamType, streamId, tenantId),
                    version,
                    codec.encode(events, personal)))
        .chain(() -> project(tx, events))
        .replaceWith(events);
  }

  /**
   * New streams, each decided from the state before any event, appended together by one statement
   * in the caller's transaction and projected: a page of a directory's new users. Fails with {@link
   * ConcurrencyConflictException} when any of the streams exists; the caller's transaction then
   * rolls back whole.
   *
   * @param decisions per stream id, what it decides from the empty state
   * @return the events per stream id, in the order given
   */
  public Uni<Map<String, List<E>>> startAllIn(
      SqlConnection tx, String tenantId, Map<String, Function<S, List<E>>> decisions) {
    S empty = fold.apply(List.of());
    Map<String, List<E>> decided = new LinkedHashMap<>();
    decisions.forEach((streamId, decide) -> decided.put(streamId, decide.apply(empty)));
    return keys.of(tx, tenantId, List.copyOf(decided.keySet()))
        .chain(
            personal -> {
              List<PgEventStore.StreamStart> starts = new ArrayList<>();
              decided.forEach(
                  (streamId, events) ->
                      starts.add(
                          new PgEventStore.StreamStart(
                              new StreamId(streamType, streamId, tenantId),
                              codec.encode(events, personal))));
              return store.startStreams(tx, starts);
            })
        .chain(() -> projector.applyStarts(tx, List.copyOf(decided.values())))
        .replaceWith(decided);
  }

  /**
   * {@link #startAllIn} in a transaction of its own, the streams' keys fetched before it opens, and
   * {@code answer} read in the same transaction. Not retried: a lost race is the caller's to decide
   * (usually each stream on its own).
   */
  public <R> Uni<R> startAll(
      String tenantId,
      Map<String, Function<S, List<E>>> decisions,
      Function<SqlConnection, Uni<R>> answer) {
    return keys.prepare(tenantId, List.copyOf(decisions.keySet()))
        .chain(
            () ->
                store.inTransaction(
                    tx -> startAllIn(tx, tenantId, decisions).chain(() -> answer.apply(tx))));
  }

  /** Runs work in one transaction of the store's (a batch of commands that commit together). */
  public <R> Uni<R> inTransaction(Function<SqlConnection, Uni<R>> work) {
    return store.inTransaction(work);
  }

  private Uni<Void> project(SqlConnection tx, List<E> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (E event : events) {
      chain = chain.chain(() -> projector.apply(tx, event));
    }
    return chain;
  }
}
