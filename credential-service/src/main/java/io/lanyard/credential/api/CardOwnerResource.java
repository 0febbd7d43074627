package io.lanyard.credential.api;

import io.lanyard.credential.application.SecretSealer;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Whose card is this: {@code GET /admin/v1/credentials?cardNumber=}. */
@Path("/admin/v1/credentials")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class CardOwnerResource {

  public record Owner(
      String userId, String cardId, String label, String maskedNumber, String source) {}

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final SecretSealer sealer;
  private final Pool pool;

  CardOwnerResource(
      AdminTenant adminTenant, SecurityIdentity identity, SecretSealer sealer, Pool pool) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.sealer = sealer;
    this.pool = pool;
  }

  @GET
  public Uni<Owner> owner(@QueryParam("cardNumber") String cardNumber) {
    if (cardNumber == null) {
      throw ApiException.badRequest("invalid_request", "give the cardNumber to look up");
    }
    String number = CardNumbers.canonical(cardNumber);
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                pool.preparedQuery(
                        "SELECT user_id, id, label, masked_number, source FROM cards"
                            + " WHERE tenant_id = $1 AND card_hash = $2")
                    .execute(
                        Tuple.of(tenant, sealer.hash(tenant, SecretPurposes.CARD_NUMBER, number))))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("card");
              }
              Row row = rows.iterator().next();
              return new Owner(
                  row.getUUID("user_id").toString(),
                  row.getUUID("id").toString(),
                  row.getString("label"),
                  row.getString("masked_number"),
                  row.getString("source"));
            });
  }
}
