package io.lanyard.notification.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.SettingsChanged;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.NotificationEventCodecs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** An admin changes the tenant's mail settings (stream {@code settings:<tenant>}). */
@ApplicationScoped
public class SettingsCommands {

  private final CommandExecutor<MailSettings, SettingsChanged> executor;
  private final MailSettingsRecords records;

  SettingsCommands(PgEventStore store, MailSettingsRecords records) {
    this.records = records;
    this.executor =
        new CommandExecutor<>(
            store,
            NotificationEventCodecs.SETTINGS,
            "mail-settings",
            SettingsChanged::current,
            records::apply,
            ConflictRetry.defaults());
  }

  public Uni<MailSettings> change(String tenantId, MailSettings wanted, String actor) {
    return executor.execute(
        "settings:" + tenantId,
        tenantId,
        current -> SettingsChanged.change(tenantId, current, wanted, actor),
        tx -> records.current(tx, tenantId));
  }
}
