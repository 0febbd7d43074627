package io.lanyard.credential.infra;

import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.PolicyEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** The policy each tenant has now, kept with each policy change in its transaction. */
@ApplicationScoped
public class Policies {

  // The parameter is declared text: given to a jsonb parameter, the client would store the JSON
  // as one JSON string.
  public Uni<Void> apply(SqlClient tx, PolicyEvent event) {
    return tx.preparedQuery(
            "INSERT INTO policies (tenant_id, policy) VALUES ($1, $2::text::jsonb)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy")
        .execute(Tuple.of(event.tenantId(), write(event)))
        .replaceWithVoid();
  }

  public Uni<CredentialPolicy> current(SqlClient client, String tenantId) {
    return client
        .preparedQuery("SELECT policy::text AS policy FROM policies WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                rows.size() == 0
                    ? CredentialPolicy.DEFAULT
                    : read(rows.iterator().next().getString("policy")).policy());
  }

  /**
   * The tenants whose policy rotates codes, with their policy (index {@code policies_rotating}).
   */
  public Uni<Map<String, CredentialPolicy>> rotating(SqlClient client) {
    return client
        .preparedQuery(
            "SELECT tenant_id, policy::text AS policy FROM policies"
                + " WHERE (policy ->> 'maxCodeAgeDays') IS NOT NULL ORDER BY tenant_id")
        .execute()
        .map(
            rows -> {
              Map<String, CredentialPolicy> rotating = new LinkedHashMap<>();
              rows.forEach(
                  row ->
                      rotating.put(
                          row.getString("tenant_id"), read(row.getString("policy")).policy()));
              return rotating;
            });
  }

  // Kept as the event's public JSON: the domain record can change shape without a migration.
  private static String write(PolicyEvent event) {
    return EventJson.write(CredentialEventCodecs.policyRecord(event));
  }

  private static PolicyEvent read(String json) {
    try {
      return CredentialEventCodecs.policyEvent(
          EventJson.read(json, CredentialPolicyChangedV1.class));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a stored policy cannot be read", e);
    }
  }
}
