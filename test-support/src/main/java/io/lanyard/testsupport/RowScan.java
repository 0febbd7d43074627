package io.lanyard.testsupport;

import io.lanyard.testplatform.TestPlatform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whole rows of the service's own tables read as text and searched for a value, in any case: how a
 * test proves that something is gone wherever a column could have held it (an erased person's
 * email, name or username).
 */
public final class RowScan {

  private RowScan() {}

  /** How many rows of {@code tables}, in the service's test database, mention {@code text}. */
  public static long rowsMentioning(String text, List<String> tables) {
    String database = ConfigProvider.getConfig().getValue("lanyard.database", String.class);
    long found = 0;
    try (Connection db =
        DriverManager.getConnection(
            TestPlatform.jdbcUrl(database), TestPlatform.postgresUser(), "")) {
      for (String table : tables) {
        try (PreparedStatement query =
            db.prepareStatement(
                "SELECT count(*) FROM " + table + " AS t WHERE t::text ILIKE '%' || ? || '%'")) {
          query.setString(1, text);
          try (ResultSet rows = query.executeQuery()) {
            rows.next();
            found += rows.getLong(1);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not scan " + tables + " in " + database, e);
    }
    return found;
  }

  /**
   * The service's own tables (schema {@code public}, every one) with a row that mentions {@code
   * text}: what a tenant's erasure must leave none of.
   */
  public static List<String> publicTablesMentioning(String text) {
    String database = ConfigProvider.getConfig().getValue("lanyard.database", String.class);
    List<String> tables = new java.util.ArrayList<>();
    try (Connection db =
        DriverManager.getConnection(
            TestPlatform.jdbcUrl(database), TestPlatform.postgresUser(), "")) {
      try (PreparedStatement query =
              db.prepareStatement(
                  "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                      + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%'");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not list the tables of " + database, e);
    }
    return tables.stream()
        .filter(table -> rowsMentioning(text, List.of("public.\"" + table + "\"")) > 0)
        .toList();
  }
}
