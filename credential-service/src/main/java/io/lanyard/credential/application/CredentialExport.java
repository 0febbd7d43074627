package io.lanyard.credential.application;

import io.lanyard.credential.domain.CsvCells;
import io.lanyard.credential.infra.ExportRows;
import io.lanyard.credential.infra.ExportRows.ExportCard;
import io.lanyard.credential.infra.ExportRows.ExportUser;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.PgEventStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSV export of a tenant's credentials (ADR 6), a page of users at a time so that a tenant is
 * never held in memory: {@code username,displayName,email,status,origin,codeSource,codeExpiresAt,
 * cards}. No code is in it. Cards are masked; with numbers in clear, each user of the page with
 * cards first gets {@code CardNumbersExported} (their history shows who exported them), in one
 * transaction: a page is written only once it is recorded.
 */
@ApplicationScoped
public class CredentialExport {

  public static final String HEADER =
      CsvCells.line(
          List.of(
              "username",
              "displayName",
              "email",
              "status",
              "origin",
              "codeSource",
              "codeExpiresAt",
              "cards"));

  /**
   * A page of the export: its lines, and the last user on it ({@code null}: there were none, the
   * export is done).
   */
  public record ExportPage(String lines, UUID last) {}

  private final ExportRows rows;
  private final CredentialStreams streams;
  private final SecretSealer sealer;
  private final PgEventStore store;
  private final Pool pool;
  private final int pageSize;

  CredentialExport(
      ExportRows rows,
      CredentialStreams streams,
      SecretSealer sealer,
      PgEventStore store,
      Pool pool,
      @ConfigProperty(name = "lanyard.credential.export.page-size", defaultValue = "1000")
          int pageSize) {
    this.rows = rows;
    this.streams = streams;
    this.sealer = sealer;
    this.store = store;
    this.pool = pool;
    this.pageSize = pageSize;
  }

  /**
   * The page after {@code after} ({@code null}: the first).
   *
   * @param fullNumbersFor who exports card numbers in clear; {@code null}: masked
   */
  public Uni<ExportPage> page(String tenantId, UUID after, String fullNumbersFor) {
    return rows.page(pool, tenantId, after, pageSize)
        .chain(
            users -> {
              if (users.isEmpty()) {
                return Uni.createFrom().item(new ExportPage("", null));
              }
              UUID last = users.get(users.size() - 1).id();
              Uni<Void> recorded =
                  fullNumbersFor == null
                      ? Uni.createFrom().voidItem()
                      : recordExport(tenantId, users, fullNumbersFor);
              return recorded.map(
                  ignored -> new ExportPage(lines(tenantId, users, fullNumbersFor != null), last));
            });
  }

  private Uni<Void> recordExport(String tenantId, List<ExportUser> users, String by) {
    List<ExportUser> withCards = users.stream().filter(user -> !user.cards().isEmpty()).toList();
    if (withCards.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return store
        .inTransaction(
            tx ->
                Uni.join()
                    .all(
                        withCards.stream()
                            .map(
                                user ->
                                    streams
                                        .of(user.id().toString(), tenantId)
                                        .executeIn(
                                            tx,
                                            user.id().toString(),
                                            tenantId,
                                            credentials -> credentials.recordCardNumbersExport(by)))
                            .toList())
                    .andFailFast())
        // A user's stream moved meanwhile (an admin at work): the page is recorded again whole.
        .onFailure(ConcurrencyConflictException.class)
        .retry()
        .atMost(3)
        .replaceWithVoid();
  }

  private String lines(String tenantId, List<ExportUser> users, boolean fullNumbers) {
    StringBuilder lines = new StringBuilder();
    for (ExportUser user : users) {
      lines.append(
          CsvCells.line(
              List.of(
                  text(user.username()),
                  text(user.displayName()),
                  text(user.email()),
                  text(user.status()),
                  text(user.origin()),
                  user.codeSource() == null ? "" : user.codeSource().wire(),
                  user.codeExpiresAt() == null ? "" : user.codeExpiresAt().toString(),
                  cards(tenantId, user.cards(), fullNumbers))));
    }
    return lines.toString();
  }

  private String cards(String tenantId, List<ExportCard> cards, boolean fullNumbers) {
    return String.join(
        ";",
        cards.stream()
            .map(
                card ->
                    fullNumbers
                        ? sealer.open(tenantId, SecretPurposes.CARD_NUMBER, card.ciphertext())
                        : card.masked())
            .toList());
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
