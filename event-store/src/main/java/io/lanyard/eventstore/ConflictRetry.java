package io.lanyard.eventstore;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a load-decide-append attempt again when it lost a race for its stream, a bounded number of
 * times with a short, growing, jittered pause; then lets the {@link ConcurrencyConflictException}
 * through (the API turns it into 409).
 */
public final class ConflictRetry {

  public static final int DEFAULT_ATTEMPTS = 5;

  private final int attempts;
  private final Duration initialBackOff;

  public ConflictRetry(int attempts, Duration initialBackOff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
    this.attempts = attempts;
    this.initialBackOff = initialBackOff;
  }

  public static ConflictRetry defaults() {
    return new ConflictRetry(DEFAULT_ATTEMPTS, Duration.ofMillis(5));
  }

  /** {@code attempt} must load the stream afresh each time it is subscribed to. */
  public <T> Uni<T> run(Supplier<Uni<? extends T>> attempt) {
    Uni<T> once = Uni.createFrom().<T>deferred(attempt);
    if (attempts == 1) {
      return once;
    }
    return once.onFailure(ConcurrencyConflictException.class)
        .retry()
        .withBackOff(initialBackOff, initialBackOff.multipliedBy(20))
        .withJitter(0.5)
        .atMost(attempts - 1);
  }
}
