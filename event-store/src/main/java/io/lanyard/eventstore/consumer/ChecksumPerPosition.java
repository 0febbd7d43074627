package io.lanyard.eventstore.consumer;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A projection's checksum, computed once per position: hashing every row (or every entry of a
 * model) on each {@code GET /ops/v1/projections} cost as much as the projection is large, though a
 * projection's content changes only with its position (its events) or a rebuild's switch.
 *
 * <p>While a rebuild runs (it may switch the content in at the same position) nothing is kept: each
 * call computes afresh.
 */
public final class ChecksumPerPosition {

  private record Computed(Object rebuild, Map<String, Long> position, String checksum) {}

  private volatile Computed last;

  /**
   * The checksum at {@code position}: the one computed there before, or {@code compute}'s.
   *
   * @param rebuild the projection's last rebuild (null if none): a finished one is the content's
   *     generation, a running one keeps anything from being kept
   */
  public String at(Map<String, Long> position, RebuildProgress rebuild, Supplier<String> compute) {
    Computed known = last;
    if (known != null
        && known.rebuild() == rebuild
        && known.position().equals(position)
        && !running(rebuild)) {
      return known.checksum();
    }
    boolean runningBefore = running(rebuild);
    String checksum = compute.get();
    if (!runningBefore && !running(rebuild)) {
      last = new Computed(rebuild, Map.copyOf(position), Objects.requireNonNull(checksum));
    }
    return checksum;
  }

  private static boolean running(RebuildProgress rebuild) {
    return rebuild != null && rebuild.running();
  }
}
