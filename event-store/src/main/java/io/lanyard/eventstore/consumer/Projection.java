package io.lanyard.eventstore.consumer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read model built from topics, as operators see and rebuild it. */
public interface Projection {

  /** Unique within the service, {@code <service>.<name>}. */
  String name();

  List<String> topics();

  /** Whether this replica keeps the model (a standby replica of a database projection does not). */
  boolean active();

  /** Records on its partitions not read yet; -1 before the first read. */
  long lag();

  /** Per partition ({@code <topic>-<partition>}), the offset of the next record to read. */
  Map<String, Long> position();

  /** A digest of the model's content: two models built from the same events have the same one. */
  String checksum();

  /**
   * Starts building a fresh model from the beginning of the topics beside the live one, which goes
   * on answering and following the topics; once the fresh one has caught up, it replaces the live
   * one between two reads.
   *
   * @throws IllegalStateException when a rebuild runs already, or this replica does not keep the
   *     model
   */
  RebuildProgress rebuild();

  /** The rebuild running or last run on this replica. */
  Optional<RebuildProgress> lastRebuild();
}
