package io.lanyard.eventstore.consumer;

import io.lanyard.contracts.EventEnvelope;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A poll's events cut into runs for {@link EventHandler#applyAll}: each longest run of events that
 * can be written together goes to one set-based write, every other event to the handler's own
 * apply, all in the order they came. Order across runs is kept, so a later event still sees what an
 * earlier one wrote.
 */
public final class EventRuns {

  private EventRuns() {}

  /**
   * @param together which events a run may hold
   * @param run writes a run (never empty) with a statement per table
   * @param one applies any other event
   */
  public static Uni<Void> apply(
      List<EventEnvelope> events,
      Predicate<EventEnvelope> together,
      Function<List<EventEnvelope>, Uni<Void>> run,
      Function<EventEnvelope, Uni<Void>> one) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    List<EventEnvelope> pending = new ArrayList<>();
    for (EventEnvelope event : events) {
      if (together.test(event)) {
        pending.add(event);
        continue;
      }
      chain = flush(chain, pending, run);
      pending = new ArrayList<>();
      chain = chain.chain(() -> one.apply(event));
    }
    return flush(chain, pending, run);
  }

  private static Uni<Void> flush(
      Uni<Void> chain, List<EventEnvelope> pending, Function<List<EventEnvelope>, Uni<Void>> run) {
    if (pending.isEmpty()) {
      return chain;
    }
    List<EventEnvelope> batch = List.copyOf(pending);
    return chain.chain(() -> run.apply(batch));
  }
}
