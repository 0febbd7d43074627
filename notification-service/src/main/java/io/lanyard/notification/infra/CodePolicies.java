package io.lanyard.notification.infra;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Each tenant's credential policy as far as the emails care: the age after which codes are rotated,
 * which the rotated code's email names. A projection of {@code CredentialPolicyChanged}.
 */
@ApplicationScoped
public class CodePolicies {

  public static final List<String> TABLES = List.of("code_policies");

  /** The policy in force; null: codes are not rotated. */
  public Uni<Void> maxCodeAgeDays(SqlClient tx, String tenantId, Integer days) {
    return tx.preparedQuery(
            "INSERT INTO code_policies (tenant_id, max_code_age_days) VALUES ($1, $2)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET max_code_age_days ="
                + " excluded.max_code_age_days")
        .execute(Tuple.from(Arrays.asList(tenantId, days)))
        .replaceWithVoid();
  }

  /** The tenant's age limit, if it has one and it is known here. */
  public Uni<Optional<Integer>> maxCodeAgeDays(SqlClient client, String tenantId) {
    return client
        .preparedQuery("SELECT max_code_age_days FROM code_policies WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.ofNullable(rows.iterator().next().getInteger("max_code_age_days")));
  }
}
