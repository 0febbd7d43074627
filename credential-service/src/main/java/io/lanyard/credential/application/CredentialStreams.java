package io.lanyard.credential.application;

import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How commands run against a user's credentials stream: its events folded into {@link Credentials},
 * new ones appended and projected to {@link CredentialRecords} in one transaction.
 */
@ApplicationScoped
public class CredentialStreams {

  private final PgEventStore store;
  private final CredentialRecords records;

  CredentialStreams(PgEventStore store, CredentialRecords records) {
    this.store = store;
    this.records = records;
  }

  /** The executor for one user's stream: the fold needs to know whose credentials it builds. */
  public CommandExecutor<Credentials, CredentialEvent> of(String userId, String tenantId) {
    return new CommandExecutor<>(
        store,
        CredentialEventCodecs.CREDENTIALS,
        "credentials",
        events -> Credentials.fold(userId, tenantId, events),
        records::apply,
        ConflictRetry.defaults());
  }
}
