package io.lanyard.eventstore.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 */
public final class Rebuild {

  private static final Logger LOG = Logger.getLogger(Rebuild.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(2);

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

  /** Starts a rebuild and answers its progress at once. */
  public static RebuildProgress start(
      String projection,
      List<String> topics,
      Supplier<Consumer<String, byte[]>> consumers,
      Live live,
      Candidate candidate) {
    RebuildProgress progress = new RebuildProgress(projection);
    Thread thread =
        new Thread(
            () -> run(progress, topics, consumers, live, candidate), "rebuild-" + projection);
    thread.setDaemon(true);
    thread.start();
    return progress;
  }

  private static void run(
      RebuildProgress progress,
      List<String> topics,
      Supplier<Consumer<String, byte[]>> consumers,
      Live live,
      Candidate candidate) {
    String name = progress.status().projection();
    try {
      candidate.prepare();
      try (CatchUpReader reader = new CatchUpReader(consumers.get(), topics)) {
        progress.state(RebuildProgress.State.READING);
        LOG.infof("rebuild of %s: reading %s from the beginning", name, topics);
        boolean reached = false;
        while (!reached) {
          Map<TopicPartition, Long> target = live.positions();
          reached = reader.readOnce(target, candidate::apply, POLL);
          progress.reading(reader.read(), reader.total(target), reader.position());
        }
        progress.state(RebuildProgress.State.SWITCHING);
        RebuildProgress.Checksums[] checksums = new RebuildProgress.Checksums[1];
        live.betweenReads(
                () -> {
                  Map<TopicPartition, Long> target = live.positions();
                  while (!reader.readOnce(target, candidate::apply, POLL)) {
                    progress.reading(reader.read(), reader.total(target), reader.position());
                  }
                  progress.reading(reader.read(), reader.total(target), reader.position());
                  checksums[0] = candidate.switchIn();
                })
            .get(SWITCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        progress.done(checksums[0]);
        LOG.infof(
            "rebuild of %s: switched over after %d events; checksum live %s, rebuilt %s",
            name, reader.read(), checksums[0].live(), checksums[0].rebuilt());
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warnf("rebuild of %s failed: %s", name, e.toString());
      progress.failed(e);
      try {
        candidate.discard();
      } catch (RuntimeException discardFailed) {
        LOG.warnf("rebuild of %s: discarding: %s", name, discardFailed.toString());
      }
    }
  }
}
