package io.lanyard.eventstore.consumer;

import io.lanyard.eventstore.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds a fresh model beside a live one and swaps it in, on a thread of its own: reads the topics
 * from their beginning up to where the live model is, again and again while that moves on; then, on
 * the live side's own thread between two of its reads, reads the last few records up to exactly the
 * live position, takes both checksums there and swaps. The live model answers throughout.
 *
 * <p>When the broker goes away it waits: the Kafka client reconnects by itself and the rebuild
 * carries on from where it was. Meanwhile its status says since when it has been stalled; once that
 * is longer than its stall limit the rebuild ends {@code FAILED} with the reason, and the live
 * model is untouched.
 */
public final class Rebuild {

  private static final Logger LOG = Logger.getLogger(Rebuild.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofMillis(500);
  private static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(2);

  /**
   * How long a rebuild may read nothing though events are still to read (the broker away) before it
   * fails.
   */
  public static final Duration STALL_LIMIT = Duration.ofMinutes(5);

  /** The model being replaced. */
  public interface Live {
    /** Where it is: per partition, the next offset it will read. Callable from any thread. */
    Map<TopicPartition, Long> positions();

    /** Runs {@code task} on its own thread, between two reads; completes when it has run. */
    CompletableFuture<Void> betweenReads(Runnable task);

    /**
     * A reading loop that runs {@code betweenReads}' work between its reads; {@code wakeUp} cuts
     * short a read in progress.
     */
    static Live of(
        Supplier<Map<TopicPartition, Long>> positions, BetweenReads betweenReads, Runnable wakeUp) {
      return new Live() {
        @Override
        public Map<TopicPartition, Long> positions() {
          return positions.get();
        }

        @Override
        public CompletableFuture<Void> betweenReads(Runnable task) {
          return betweenReads.submit(task, wakeUp);
        }
      };
    }
  }

  /** The model being built. */
  public interface Candidate {
    /** Starts it empty. */
    void prepare();

    void apply(List<ConsumerRecord<String, byte[]>> records);

    /** Takes both digests and puts the candidate in the live one's place; on the live thread. */
    RebuildProgress.Checksums switchIn();

    /** Throws away what a failed rebuild built. */
    void discard();
  }

  private Rebuild() {}

  /** Starts a rebuild that fails when stalled for {@link #STALL_LIMIT}; answers its progress. */
  public static RebuildProgress start(
      String projection,
      List<String> topics,
      Supplier<Consumer<String, byte[]>> consumers,
      Live live,
      Candidate candidate) {
    return start(projection, topics, consumers, live, candidate, STALL_LIMIT, EventTracing.NONE);
  }

  /**
   * Starts a rebuild and answers its progress at once.
   *
   * @param stallLimit how long it may read nothing though events are still to read before it fails
   * @param tracing makes the rebuild a span of the trace it was asked for in
   */
  public static RebuildProgress start(
      String projection,
      List<String> topics,
      Supplier<Consumer<String, byte[]>> consumers,
      Live live,
      Candidate candidate,
      Duration stallLimit,
      EventTracing tracing) {
    RebuildProgress progress = new RebuildProgress(projection);
    // Started here, on the asking request's thread, whose span is its parent.
    Span span = tracing.rebuilding(projection);
    Thread thread =
        new Thread(
            () -> run(progress, topics, consumers, live, candidate, stallLimit, span),
            "rebuild-" + projection);
    thread.setDaemon(true);
    thread.start();
    return progress;
  }

  private static void run(
      RebuildProgress progress,
      List<String> topics,
      Supplier<Consumer<String, byte[]>> consumers,
      Live live,
      Candidate candidate,
      Duration stallLimit,
      Span span) {
    String name = progress.status().projection();
    try {
      candidate.prepare();
      progress.stalled(); // until the topics' partitions answer (Kafka's own timeout applies)
      try (CatchUpReader reader = new CatchUpReader(consumers.get(), topics)) {
        progress.moving();
        progress.state(RebuildProgress.State.READING);
        LOG.infof("rebuild of %s: reading %s from the beginning", name, topics);
        boolean reached = false;
        while (!reached) {
          reached = readOnce(reader, live.positions(), candidate, progress, stallLimit);
        }
        progress.state(RebuildProgress.State.SWITCHING);
        RebuildProgress.Checksums[] checksums = new RebuildProgress.Checksums[1];
        live.betweenReads(
                () -> {
                  Map<TopicPartition, Long> target = live.positions();
                  boolean there = false;
                  while (!there) {
                    there = readOnce(reader, target, candidate, progress, stallLimit);
                  }
                  checksums[0] = candidate.switchIn();
                })
            .get(SWITCH_TIMEOUT.plus(stallLimit).toMillis(), TimeUnit.MILLISECONDS);
        progress.done(checksums[0]);
        LOG.infof(
            "rebuild of %s: switched over after %d events; checksum live %s, rebuilt %s",
            name, reader.read(), checksums[0].live(), checksums[0].rebuilt());
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.warnf("rebuild of %s failed: %s", name, cause.toString());
      progress.failed(cause);
      EventTracing.failed(span, cause);
      try {
        candidate.discard();
      } catch (RuntimeException discardFailed) {
        LOG.warnf("rebuild of %s: discarding: %s", name, discardFailed.toString());
      }
    } finally {
      EventTracing.rebuilt(span, progress.status().eventsRead());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to read again", e);
    }
  }

  /**
   * Reads once toward {@code target} and records how far; answers whether it is there. A poll whose
   * events must wait ({@link ApplyLater}) is read again after a pause: that counts as reading
   * nothing.
   *
   * @throws IllegalStateException when it has read nothing for {@code stallLimit} though events are
   *     still to read
   */
  private static boolean readOnce(
      CatchUpReader reader,
      Map<TopicPartition, Long> target,
      Candidate candidate,
      RebuildProgress progress,
      Duration stallLimit) {
    long before = reader.read();
    boolean reached;
    RuntimeException waitingFor = null;
    try {
      reached = reader.readOnce(target, candidate::apply, POLL);
    } catch (RuntimeException failure) {
      if (!ApplyLater.in(failure)) {
        throw failure;
      }
      // What the candidate needs does not answer (identity's key API): the same records are
      // read again after a pause, as the live consumer waits, until the stall limit.
      waitingFor = failure;
      reached = false;
      pause();
    }
    long read = reader.read();
    long total = reader.total(target);
    progress.reading(read, total, reader.position());
    if (reached || read > before) {
      progress.moving();
      return reached;
    }
    Duration stalled = Duration.between(progress.stalled(), Instant.now());
    if (stalled.compareTo(stallLimit) > 0 && waitingFor != null) {
      throw new IllegalStateException(
          String.format(
              "waited %d s for what applying the events needs (stall limit %d s): %s",
              stalled.toSeconds(), stallLimit.toSeconds(), waitingFor.getMessage()),
          waitingFor);
    }
    if (stalled.compareTo(stallLimit) > 0) {
      throw new IllegalStateException(
          String.format(
              "read nothing from Kafka for %d s though %d events are still to read (stall limit"
                  + " %d s): is the broker reachable?",
              stalled.toSeconds(), total - read, stallLimit.toSeconds()));
    }
    return false;
  }
}
