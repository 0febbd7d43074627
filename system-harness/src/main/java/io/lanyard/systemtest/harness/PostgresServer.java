package io.lanyard.systemtest.harness;

import io.lanyard.testplatform.TestPlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server a {@link LanyardSystem} keeps its databases on: the test platform's, or one
 * a test owns (a private cluster it restarts), reached with the platform's user and no password.
 */
public record PostgresServer(String host, int port) {

  /** The server {@code ./lanyard test} uses ({@link TestPlatform}). */
  public static PostgresServer ofTestPlatform() {
    return new PostgresServer(TestPlatform.postgresHost(), TestPlatform.postgresPort());
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), TestPlatform.postgresUser(), "");
  }

  /** Drops and creates a database: every run starts from what the migrations make of nothing. */
  public void recreateDatabase(String database) {
    if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " refused to (re)create database " + database, e);
    }
  }
}
