package io.lanyard.credential.application;

import io.lanyard.contracts.EventJson;
import io.lanyard.credential.infra.ExportRows;
import io.lanyard.credential.infra.ExportRows.ExportCard;
import io.lanyard.credential.infra.HistoryRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * credential-service's part of a tenant's archive (issue 23's tenant exit; identity-service puts it
 * together), as JSON lines a page at a time: each user's code source and expiry with their cards
 * masked ({@code "record":"credentials"}), then the credential history as facts ({@code
 * "record":"credential_event"}: which event, about whom, when, by whom). No code, card number, hash
 * or ciphertext is in it; people are their ids (identity's part names them).
 */
@ApplicationScoped
public class CredentialArchive {

  /** A page of lines; {@code next} is where the following page starts, null after the last. */
  public record Lines<K>(String lines, K next) {}

  record CredentialsLine(
      String record, String userId, String codeSource, Instant codeExpiresAt, List<String> cards) {}

  record HistoryLine(
      String record, String stream, String event, String userId, Instant at, String by) {}

  private final ExportRows users;
  private final HistoryRows history;
  private final Pool pool;
  private final int pageSize;

  CredentialArchive(
      ExportRows users,
      HistoryRows history,
      Pool pool,
      @ConfigProperty(name = "lanyard.credential.export.page-size", defaultValue = "1000")
          int pageSize) {
    this.users = users;
    this.history = history;
    this.pool = pool;
    this.pageSize = pageSize;
  }

  /** The users after {@code after} ({@code null}: from the first). */
  public Uni<Lines<UUID>> credentials(String tenantId, UUID after) {
    return users
        .page(pool, tenantId, after, pageSize)
        .map(
            page ->
                new Lines<>(
                    lines(
                        page,
                        user ->
                            new CredentialsLine(
                                "credentials",
                                user.id().toString(),
                                user.codeSource() == null ? null : user.codeSource().wire(),
                                user.codeExpiresAt(),
                                user.cards().stream().map(ExportCard::masked).toList())),
                    page.isEmpty() ? null : page.get(page.size() - 1).id()));
  }

  /** The history after the event at {@code after} (0: from the first). */
  public Uni<Lines<Long>> history(String tenantId, long after) {
    return history
        .page(pool, tenantId, after, pageSize)
        .map(
            page ->
                new Lines<>(
                    lines(
                        page,
                        row ->
                            new HistoryLine(
                                "credential_event",
                                row.stream(),
                                row.event(),
                                row.userId(),
                                row.at(),
                                row.by())),
                    page.isEmpty() ? null : page.get(page.size() - 1).position()));
  }

  private static <T> String lines(List<T> rows, Function<T, Object> line) {
    StringBuilder lines = new StringBuilder();
    for (T row : rows) {
      lines.append(EventJson.write(line.apply(row))).append('\n');
    }
    return lines.toString();
  }
}
