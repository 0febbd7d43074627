package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.identity.domain.UserEvent;
import io.lanyard.identity.infra.DataKeyStore;
import io.lanyard.identity.infra.StagedLines;
import io.lanyard.identity.infra.UserDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a user's events change in identity's own tables, in the transaction that appends them, on
 * every path that appends them (the admin API, directory-sync's commands and pages, an import's
 * chunks, the guest scheduler): the users read model ({@link UserDirectory}); on erasure, the
 * user's data key destroyed ({@link DataKeyStore}, ADR 7) and the user's staged import lines
 * deleted, so that the event and the destruction commit or fail together. (A new user's key is made
 * before their first event is sealed under it: {@link DataKeyStore#keysOf}.)
 */
@ApplicationScoped
public class UserProjection implements CommandExecutor.Projector<UserEvent> {

  private final UserDirectory users;
  private final DataKeyStore keys;
  private final StagedLines staged;

  UserProjection(UserDirectory users, DataKeyStore keys, StagedLines staged) {
    this.users = users;
    this.keys = keys;
    this.staged = staged;
  }

  @Override
  public Uni<Void> apply(SqlConnection tx, UserEvent event) {
    Uni<Void> projected = users.apply(tx, event);
    if (event instanceof UserEvent.Erased e) {
      UUID userId = UUID.fromString(e.userId());
      return projected
          .chain(() -> keys.erase(tx, e.tenantId(), userId))
          .chain(() -> staged.forgetUser(tx, e.tenantId(), userId));
    }
    return projected;
  }

  /**
   * A page of new users, each stream nothing but its creation: the read model's rows in one
   * statement. Any other page goes event by event.
   */
  @Override
  public Uni<Void> applyStarts(SqlConnection tx, List<List<UserEvent>> streams) {
    List<UserEvent.Created> created = new ArrayList<>(streams.size());
    for (List<UserEvent> events : streams) {
      for (UserEvent event : events) {
        if (!(event instanceof UserEvent.Created e)) {
          return CommandExecutor.Projector.super.applyStarts(tx, streams);
        }
        created.add(e);
      }
    }
    if (created.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return users.insertAll(tx, created);
  }
}
