package io.lanyard.directory.application;

import io.lanyard.directory.domain.ScimToken;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.secrets.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** An admin issues (and so replaces) or revokes the tenant's SCIM secret token. */
@ApplicationScoped
public class ScimTokenCommands {

  private final CommandExecutor<ScimToken, ScimTokenEvent> executor;

  ScimTokenCommands(
      PgEventStore store,
      JsonEventCodec<ScimTokenEvent> codec,
      CommandExecutor.Projector<ScimTokenEvent> records) {
    this.executor =
        new CommandExecutor<>(
            store, codec, "scim-token", ScimToken::fold, records, ConflictRetry.defaults());
  }

  /** A new token, shown this once; the previous one stops working when this commits. */
  public Uni<String> issue(String tenantId, String actor) {
    String token = OpaqueTokens.SCIM.issue();
    String hash = OpaqueTokens.hash(token);
    return executor
        .execute(
            "scim-token:" + tenantId,
            tenantId,
            current -> current.issue(tenantId, hash, actor),
            tx -> Uni.createFrom().voidItem())
        .replaceWith(token);
  }

  public Uni<Void> revoke(String tenantId, String actor) {
    return executor.execute(
        "scim-token:" + tenantId,
        tenantId,
        current -> current.revoke(tenantId, actor),
        tx -> Uni.createFrom().voidItem());
  }
}
