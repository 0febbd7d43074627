package io.lanyard.directory.infra;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.eventstore.CommandExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a link event changes: SCIM's external ids and the Google users a run applied. The same
 * whether the event was just appended or is replayed from the topic.
 *
 * <p>For a user erased since (their sealed data opens to nothing, ADR 7) a link is applied without
 * the person's values, as erasure left the live row, and what a Google run applied is passed over,
 * as erasure removed it: a rebuild ends where the live tables are, whichever topic it reads first.
 */
@ApplicationScoped
public class DirectoryLinkProjector implements CommandExecutor.Projector<DirectoryLink.Event> {

  private final ScimUsers users;
  private final GoogleUsers googleUsers;

  DirectoryLinkProjector(ScimUsers users, GoogleUsers googleUsers) {
    this.users = users;
    this.googleUsers = googleUsers;
  }

  @Override
  public Uni<Void> apply(SqlConnection tx, DirectoryLink.Event event) {
    if (event instanceof DirectoryLink.Event.DirectoryUserSynced synced
        && synced.externalId() == null) {
      return Uni.createFrom().voidItem();
    }
    return users.applyLink(tx, event).chain(() -> googleUsers.apply(tx, event));
  }
}
