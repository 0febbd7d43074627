package io.lanyard.directory.infra;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.eventstore.CommandExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a link event changes: SCIM's external ids and the Google users a run applied. The same
 * whether the event was just appended or is replayed from the topic.
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
    return users.applyLink(tx, event).chain(() -> googleUsers.apply(tx, event));
  }
}
