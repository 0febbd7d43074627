package io.lanyard.eventstore.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** How far a rebuild is; updated by the rebuild, read by anyone. */
public final class RebuildProgress {

  public enum State {
    PREPARING,
    READING,
    SWITCHING,
    DONE,
    FAILED
  }

  /**
   * What operators see. {@code secondsLeft} is -1 while there is no rate to judge by. {@code
   * stalledSince} is set while the rebuild waits for Kafka: since then it has read nothing though
   * events are still to read (or the topics' partitions did not answer yet), which is the broker
   * being away; null while it reads. A rebuild stalled longer than its limit ends {@code FAILED}.
   */
  public record Status(
      String projection,
      State state,
      long eventsRead,
      long eventsTotal,
      long eventsPerSecond,
      long secondsLeft,
      Instant stalledSince,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Long> position,
      String liveChecksum,
      String rebuiltChecksum,
      String error) {

    public boolean finished() {
      return state == State.DONE || state == State.FAILED;
    }
  }

  private final String projection;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private volatile State state = State.PREPARING;
  private volatile long read;
  private volatile long total;
  private volatile Map<String, Long> position = Map.of();
  private volatile Instant stalledSince;
  private volatile Instant finishedAt;
  private volatile String liveChecksum;
  private volatile String rebuiltChecksum;
  private volatile String error;

  public RebuildProgress(String projection) {
    this.projection = projection;
  }

  public Status status() {
    long elapsedMillis = Math.max(1, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    long rate = read * 1000 / elapsedMillis;
    long left = finishedAt != null ? 0 : rate == 0 ? -1 : Math.max(0, total - read) / rate;
    return new Status(
        projection,
        state,
        read,
        total,
        rate,
        left,
        stalledSince,
        startedAt,
        finishedAt,
        position,
        liveChecksum,
        rebuiltChecksum,
        error);
  }

  public boolean running() {
    return finishedAt == null;
  }

  void reading(long read, long total, Map<String, Long> position) {
    this.read = read;
    this.total = total;
    this.position = position;
  }

  /** Waiting for Kafka from now on, unless it was already; answers since when. */
  Instant stalled() {
    Instant since = stalledSince;
    if (since == null) {
      since = Instant.now();
      stalledSince = since;
    }
    return since;
  }

  /** Reading again. */
  void moving() {
    stalledSince = null;
  }

  void state(State state) {
    this.state = state;
  }

  void done(Checksums checksums) {
    liveChecksum = checksums.live();
    rebuiltChecksum = checksums.rebuilt();
    state = State.DONE;
    finishedAt = Instant.now();
  }

  void failed(Throwable cause) {
    error = cause.toString();
    state = State.FAILED;
    finishedAt = Instant.now();
  }

  /** The live model's and the rebuilt one's digests, taken at the same position. */
  public record Checksums(String live, String rebuilt) {}
}
