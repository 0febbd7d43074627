package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A poll's events cut into runs for {@link EventHandler#applyAll}: each longest run of events of
 * one kind that can be written together goes to one set-based write, every other event to the
 * handler's own apply, all in the order they came. Order across runs is kept, so a later event
 * still sees what an earlier one wrote. A run never holds two events of one stream: a statement per
 * table cannot write one row twice (an upsert refuses to), and the second must see the first.
 */
public final class EventRuns {

  private EventRuns() {}

  /**
   * Runs of one kind.
   *
   * @param together which events a run may hold
   * @param run writes a run (never empty) with a statement per table
   * @param one applies any other event
   */
  public static Uni<Void> apply(
      List<EventEnvelope> events,
      Predicate<EventEnvelope> together,
      Function<List<EventEnvelope>, Uni<Void>> run,
      Function<EventEnvelope, Uni<Void>> one) {
    return apply(
        events,
        event -> together.test(event) ? Boolean.TRUE : null,
        (kind, batch) -> run.apply(batch),
        one);
  }

  /**
   * Runs of several kinds: consecutive events of one kind go together.
   *
   * @param kindOf the kind of run an event may join; null: it goes on its own
   * @param run writes a run (never empty) of one kind with a statement per table
   * @param one applies any other event
   */
  public static <K> Uni<Void> apply(
      List<EventEnvelope> events,
      Function<EventEnvelope, K> kindOf,
      BiFunction<K, List<EventEnvelope>, Uni<Void>> run,
      Function<EventEnvelope, Uni<Void>> one) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    List<EventEnvelope> pending = new ArrayList<>();
    Set<String> streams = new HashSet<>();
    K pendingKind = null;
    for (EventEnvelope event : events) {
      K kind = kindOf.apply(event);
      boolean joins =
          kind != null && Objects.equals(kind, pendingKind) && !streams.contains(event.subject());
      if (!joins) {
        chain = flush(chain, pendingKind, pending, run);
        pending = new ArrayList<>();
        streams = new HashSet<>();
        pendingKind = kind;
      }
      if (kind == null) {
        chain = chain.chain(() -> one.apply(event));
        continue;
      }
      pending.add(event);
      streams.add(event.subject());
    }
    return flush(chain, pendingKind, pending, run);
  }

  private static <K> Uni<Void> flush(
      Uni<Void> chain,
      K kind,
      List<EventEnvelope> pending,
      BiFunction<K, List<EventEnvelope>, Uni<Void>> run) {
    if (pending.isEmpty()) {
      return chain;
    }
    List<EventEnvelope> batch = List.copyOf(pending);
    return chain.chain(() -> run.apply(kind, batch));
  }
}
