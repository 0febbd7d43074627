package io.lanyard.eventstore.consumer;

import io.lanyard.secrets.TenantKeyUnavailable;

/**
 * A handler's failure that says nothing about the event: something it needs is not answering now
 * (another service's key API, ADR 7). The consumer retries the event until it applies, as it does
 * while its database is away, and never sets it aside as a poison event: an outage delays a
 * projection, it does not lose from it.
 */
public class ApplyLater extends RuntimeException {

  public ApplyLater(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code failure}, or any of its causes, is one. */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplyLater) {
        return true;
      }
      if (t instanceof TenantKeyUnavailable missing && !missing.erased()) {
        return true; // the tenant's key is being fetched from identity-service: a moment
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
