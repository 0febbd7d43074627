package io.lanyard.credential.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.PolicyEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The policy each tenant has now, kept with each policy change in its transaction. */
@ApplicationScoped
public class Policies {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static String write(PolicyEvent event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PolicyEvent read(String json) {
    try {
      return JSON.readValue(json, PolicyEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored policy cannot be read", e);
    }
  }
}
