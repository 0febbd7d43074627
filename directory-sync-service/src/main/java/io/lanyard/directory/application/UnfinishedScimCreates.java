package io.lanyard.directory.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A user a SCIM create left behind when it failed half-way: identity-service created the user but
 * died (or another service did) before the create could finish, so the client got a 5xx or no
 * answer, and the user may lack the code the request carried. A create links its user to the SCIM
 * client only as its last step, so such a user is a SCIM user with the request's externalId and no
 * link. The client's retry of the create (Entra sends the same request again) finishes it and
 * answers 201, instead of 409 for a user it was never told exists.
 */
@ApplicationScoped
public class UnfinishedScimCreates {

  private static final String SCIM_ORIGIN = "scim";

  private final Pool pool;

  UnfinishedScimCreates(Pool pool) {
    this.pool = pool;
  }

  /**
   * Whether the user (as identity-service or the store shows them) is what an earlier failed create
   * with this externalId left behind.
   */
  public Uni<Boolean> leftBy(String externalId, UUID userId, String origin, String userExternalId) {
    if (!SCIM_ORIGIN.equals(origin) || externalId == null || !externalId.equals(userExternalId)) {
      return Uni.createFrom().item(false);
    }
    return pool.preparedQuery("SELECT 1 FROM scim_links WHERE user_id = $1 AND NOT unlinked")
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0);
  }
}
