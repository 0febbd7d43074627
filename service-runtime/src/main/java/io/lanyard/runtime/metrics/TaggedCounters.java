package io.lanyard.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters whose tags are known only as things happen (a login's result, an email's kind), each
 * registered once and then found again without the registry's lookup on every increment. Tag values
 * must come from a small fixed set, never from what a user typed.
 */
public final class TaggedCounters {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public TaggedCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param tags key, value, key, value, …
   */
  public Counter of(String name, String description, String... tags) {
    return counters.computeIfAbsent(
        name + '|' + String.join("|", tags),
        key -> Counter.builder(name).description(description).tags(tags).register(registry));
  }
}
