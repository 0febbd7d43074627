package io.lanyard.notification.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.SettingsChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each tenant's mail settings in force, written with each settings event. */
@ApplicationScoped
public class MailSettingsRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Uni<Void> apply(SqlClient tx, SettingsChanged event) {
    return tx.preparedQuery(
            "INSERT INTO mail_settings (tenant_id, sender_name, invitations_enabled, portal_url,"
                + " subjects) VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT (tenant_id) DO"
                + " UPDATE SET sender_name = excluded.sender_name, invitations_enabled ="
                + " excluded.invitations_enabled, portal_url = excluded.portal_url, subjects ="
                + " excluded.subjects")
        .execute(
            Tuple.from(
                Arrays.asList(
                    event.tenantId(),
                    event.senderName(),
                    event.invitationsEnabled(),
                    event.portalUrl(),
                    write(event.subjects()))))
        .replaceWithVoid();
  }

  /** The tenant's settings, or the defaults if it never changed them. */
  public Uni<MailSettings> current(SqlClient client, String tenantId) {
    return currentAll(client, List.of(tenantId)).map(all -> all.get(tenantId));
  }

  /** The settings of these tenants, each theirs or the defaults, in one statement. */
  public Uni<Map<String, MailSettings>> currentAll(SqlClient client, Collection<String> tenants) {
    return client
        .preparedQuery("SELECT * FROM mail_settings WHERE tenant_id = ANY($1)")
        .execute(Tuple.of(tenants.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, MailSettings> all = new HashMap<>();
              tenants.forEach(tenant -> all.put(tenant, MailSettings.DEFAULT));
              rows.forEach(
                  row ->
                      all.put(
                          row.getString("tenant_id"), settings(row.getString("tenant_id"), row)));
              return all;
            });
  }

  private static MailSettings settings(String tenantId, Row row) {
    return new SettingsChanged(
            tenantId,
            row.getString("sender_name"),
            row.getBoolean("invitations_enabled"),
            row.getString("portal_url"),
            read(row.getValue("subjects").toString()),
            "")
        .settings();
  }

  private static String write(Map<String, String> subjects) {
    try {
      return JSON.writeValueAsString(subjects);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored subjects cannot be read", e);
    }
  }
}
