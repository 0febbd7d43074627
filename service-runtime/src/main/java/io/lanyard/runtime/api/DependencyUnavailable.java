package io.lanyard.runtime.api;

import io.lanyard.eventstore.consumer.ApplyLater;
import io.lanyard.secrets.TenantKeyUnavailable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;

/**
 * Whether a request failed because what it needs could not be reached: PostgreSQL away or going
 * away under it (restarting, failing over, shutting down), or a service it calls refusing
 * connections. Not a bug: the service is unavailable for the moment and says so (503, try again),
 * as its readiness probe does, instead of an unexpected 500 with a stack trace per request. So is a
 * command that needs users' data keys while identity-service's key API does not answer ({@link
 * ApplyLater}), or a tenant's own key not fetched yet ({@link TenantKeyUnavailable}).
 */
public final class DependencyUnavailable {

  private DependencyUnavailable() {}

  public static boolean causes(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      // A refused connection, or one reset by a server that went away mid-request.
      if (cause instanceof SocketException
          || cause instanceof ClosedConnectionException
          || cause instanceof ApplyLater
          || (cause instanceof TenantKeyUnavailable missing && !missing.erased())
          || brokenConnection(cause)) {
        return true;
      }
      if (cause instanceof PgException pg && unavailable(pg.getSqlState())) {
        return true;
      }
      if (cause instanceof SQLException sql && unavailable(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A write to a connection the server closed meanwhile, as NIO reports it: a plain {@link
   * IOException}, no {@link SocketException} (PostgreSQL restarting under a pooled connection).
   */
  private static boolean brokenConnection(Throwable cause) {
    return cause instanceof IOException
        && ("Broken pipe".equals(cause.getMessage())
            || "Connection reset by peer".equals(cause.getMessage()));
  }

  /** Class 08 (connection exception) and 57P (the server shutting down or not yet accepting). */
  private static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
