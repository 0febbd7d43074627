package io.lanyard.eventstore;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A stream as loaded: its events in order and its version (0 for a stream with no events), the
 * version an append made from this state must expect.
 */
public record EventStream(String streamId, long version, List<StoredEvent> events) {

  public EventStream {
    events = List.copyOf(events);
  }

  public boolean isNew() {
    return version == 0;
  }

  /** Folds the events into state, oldest first. */
  public <S> S fold(S initial, BiFunction<S, StoredEvent, S> evolve) {
    S state = initial;
    for (StoredEvent event : events) {
      state = evolve.apply(state, event);
    }
    return state;
  }
}
