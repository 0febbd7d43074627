package io.lanyard.eventstore.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work handed to a reading loop from another thread, to run on the loop's own thread between two of
 * its reads, when the model it feeds is at rest (a rebuild's switch-over).
 */
public final class BetweenReads {

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  /**
   * Queues {@code task}; {@code wakeUp} cuts short a read in progress. Completes once the task has
   * run, or with its failure.
   */
  public CompletableFuture<Void> submit(Runnable task, Runnable wakeUp) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    tasks.add(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    wakeUp.run();
    return done;
  }

  /** Runs what was handed over; on the loop's thread, between reads. */
  public void runPending() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      task.run();
    }
  }

  /** Whether work waits: the loop should stop reading and come back to it. */
  public boolean pending() {
    return !tasks.isEmpty();
  }
}
