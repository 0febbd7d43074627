package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeGenerator;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * Commands on one user's credentials: load their stream, decide, append, update the read model, in
 * one transaction. Codes are sealed (hash and ciphertext) before the domain sees them.
 */
@ApplicationScoped
public class CredentialCommands {

  private final SecretSealer sealer;
  private final CodeGenerator generator = new CodeGenerator(new SecureRandom());

  private final PgEventStore store;
  private final CredentialRecords records;

  CredentialCommands(PgEventStore store, CredentialRecords records, SecretSealer sealer) {
    this.store = store;
    this.records = records;
    this.sealer = sealer;
  }

  /** A new manual user's first code, generated, in the transaction applying {@code UserCreated}. */
  public Uni<List<CredentialEvent>> generateFirstCodeIn(
      SqlConnection tx, String tenantId, String userId, CredentialPolicy policy) {
    // A generated code that another user holds fails the unique index (code_in_use) and with it
    // the transaction; the consumer retries with a fresh code. With 32^6 codes that is rare.
    String code = generator.generate(policy, candidate -> false);
    return executor(userId, tenantId)
        .executeIn(
            tx,
            userId,
            tenantId,
            credentials ->
                credentials.initialCode(
                    sealer.seal(tenantId, SecretSealer.ACCESS_CODE, code), "initial", "system"));
  }

  /** The user was deleted: their code and cards become free. */
  public Uni<List<CredentialEvent>> revokeIn(SqlConnection tx, String tenantId, String userId) {
    return executor(userId, tenantId)
        .executeIn(tx, userId, tenantId, credentials -> credentials.revoke("user_deleted"));
  }

  private CommandExecutor<Credentials, CredentialEvent> executor(String userId, String tenantId) {
    Function<List<CredentialEvent>, Credentials> fold =
        events -> Credentials.fold(userId, tenantId, events);
    return new CommandExecutor<>(
        store,
        CredentialEventCodecs.CREDENTIALS,
        "credentials",
        fold,
        records::apply,
        ConflictRetry.defaults());
  }
}
