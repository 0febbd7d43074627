package io.lanyard.eventstore;

/**
 * Another writer appended to the stream after the caller loaded it: the caller's decision was made
 * on stale state. Retry by loading again ({@link ConflictRetry}); when retries run out, the API
 * answers 409.
 */
public class ConcurrencyConflictException extends RuntimeException {

  private final String streamId;
  private final long expectedVersion;

  public ConcurrencyConflictException(String streamId, long expectedVersion) {
    super("stream " + streamId + " is no longer at version " + expectedVersion);
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
  }

  public String streamId() {
    return streamId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }
}
