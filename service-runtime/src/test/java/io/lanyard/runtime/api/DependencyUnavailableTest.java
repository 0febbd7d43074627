package io.lanyard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.eventstore.consumer.ApplyLater;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What a request meets while PostgreSQL restarts (as {@code e2e-tests} {@code PostgresRestartTest}
 * saw it): a refused connection, the server shutting down or not accepting yet, a connection closed
 * under a query; identity's key API away while a command needs data keys. Each is a 503 to try
 * again, never an unexpected 500; a bug still is one.
 */
class DependencyUnavailableTest {

  private final ApiExceptionMappers mappers = new ApiExceptionMappers();

  @Test
  void postgresAwayIsA503ToTryAgain() {
    for (Exception away :
        new Exception[] {
          new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")),
          new PgException("the database system is shutting down", "FATAL", "57P03", null),
          new PgException(
              "terminating connection due to administrator command", "FATAL", "57P01", null),
          new RuntimeException(ClosedConnectionException.INSTANCE),
          new SocketException("Connection reset"),
          new SQLException("This connection has been closed.", "08003"),
          // A pooled connection's write after the server went (seen in PostgresRestartTest).
          new CompletionException(new java.io.IOException("Broken pipe")),
          // A command needing users' data keys while identity's key API does not answer.
          new CompletionException(
              new ApplyLater(
                  "identity-service's key API did not answer",
                  new IllegalStateException("Service Unavailable, status code 503")))
        }) {
      Response answer = mappers.unexpected(away);
      assertEquals(503, answer.getStatus(), away.toString());
      assertEquals("1", answer.getHeaderString("Retry-After"));
      assertEquals("unavailable", ((ApiError) answer.getEntity()).error());
    }
  }

  @Test
  void aBugIsStillAnUnexpected500() {
    assertFalse(DependencyUnavailable.causes(new IllegalStateException("a bug")));
    assertFalse(
        DependencyUnavailable.causes(
            new PgException("duplicate key value", "ERROR", "23505", null)));
    assertEquals(500, mappers.unexpected(new NullPointerException()).getStatus());
    assertTrue(DependencyUnavailable.causes(new ConnectException()));
    assertFalse(DependencyUnavailable.causes(new java.io.IOException("unexpected end of input")));
  }
}
