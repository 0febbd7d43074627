package io.lanyard.runtime.api;

import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.Reencryption;
import io.lanyard.eventstore.Upcasters;
import io.lanyard.runtime.events.OutboxRelayRunner;
import io.lanyard.runtime.events.ReencryptionPlan;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Operators, inside the cluster: {@code POST /ops/v1/events/republish} {@code {"fromPosition":N}}
 * sends the service's events from that position of its event store to its topic again (a lost or
 * truncated topic); consumers skip what they applied, so it changes nothing twice. {@code POST
 * /ops/v1/events/re-encrypt} rewrites the stored events written before personal data was sealed as
 * their sealed version ({@link ReencryptionPlan}, ADR 7), after which a republication into a new
 * topic carries nothing in clear (docs/runbooks/erasure.md).
 */
@Path("/ops/v1/events")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class OpsEventsResource {

  /** The request: the first position of the event store to publish again (0: everything). */
  public record Republish(Long fromPosition) {}

  private static final Logger LOG = Logger.getLogger(OpsEventsResource.class);
  private static final int REENCRYPTION_PAGE = 500;

  private final PgEventStore store;
  private final OutboxRelayRunner relay;
  private final Reencryption reencryption;
  private final Instance<ReencryptionPlan> plan;
  private final SecurityIdentity identity;

  OpsEventsResource(
      PgEventStore store,
      OutboxRelayRunner relay,
      Pool pool,
      Upcasters upcasters,
      Instance<ReencryptionPlan> plan,
      SecurityIdentity identity) {
    this.store = store;
    this.relay = relay;
    this.reencryption = new Reencryption(pool, upcasters);
    this.plan = plan;
    this.identity = identity;
  }

  /**
   * Rewrites the service's stored events of the versions that carried personal data in clear as
   * their sealed version; answers how many. Run again, it rewrites nothing.
   */
  @POST
  @Path("/re-encrypt")
  public Uni<Map<String, Object>> reencrypt() {
    if (!plan.isResolvable()) {
      return Uni.createFrom().item(Map.of("rewritten", 0L));
    }
    LOG.infof("%s re-encrypts the stored history", identity.getPrincipal().getName());
    return reencryption
        .run(plan.get().oldTypes(), plan.get().sealer(), REENCRYPTION_PAGE)
        .invoke(done -> LOG.infof("re-encryption rewrote %d stored events", done.rewritten()))
        .map(done -> Map.of("rewritten", done.rewritten()));
  }

  @POST
  @Path("/republish")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> republish(Republish request) {
    if (request == null || request.fromPosition() == null || request.fromPosition() < 0) {
      throw ApiException.badRequest(
          "invalid_from_position", "fromPosition is a position of the event store, 0 or more");
    }
    // A republish follows a lost topic, often recreated: the relay starts over with a fresh
    // producer (on this replica; another one publishing gets there when its sends time out).
    return store
        .republishFrom(request.fromPosition())
        .invoke(relay::renewProducer)
        .map(queued -> Response.accepted(Map.of("queued", queued)).build());
  }
}
