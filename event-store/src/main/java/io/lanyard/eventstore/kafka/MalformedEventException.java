package io.lanyard.eventstore.kafka;

/** A record that is not a well-formed Lanyard event: it can never be processed, only set aside. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
