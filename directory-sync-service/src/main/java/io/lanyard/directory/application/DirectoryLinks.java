package io.lanyard.directory.application;

import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.directory.domain.scim.ScimName;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConcurrencyConflictException;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.runtime.personal.DataKeyCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Records which users a directory provisions ({@code DirectoryUserLinked}/{@code Unlinked}) and
 * what Google runs applied to them. The directory's ids and names of the person are sealed under
 * the user's data key (ADR 7), which identity-service made with the user and gives through {@link
 * DataKeyCache}: while it does not answer, a command fails as unavailable (try again).
 */
@ApplicationScoped
public class DirectoryLinks {

  private final CommandExecutor<DirectoryLink, DirectoryLink.Event> executor;

  DirectoryLinks(
      PgEventStore store,
      JsonEventCodec<DirectoryLink.Event> codec,
      CommandExecutor.Projector<DirectoryLink.Event> projector,
      DataKeyCache keys) {
    this.executor =
        new CommandExecutor<>(
            store,
            codec,
            "directory-link",
            DirectoryLink::fold,
            projector,
            ConflictRetry.defaults(),
            keys.forCommands());
  }

  public Uni<Void> linked(
      String tenantId, String userId, DirectoryLink.Source source, String externalId) {
    return executor.execute(
        userId,
        tenantId,
        link -> link.link(tenantId, userId, source, externalId),
        tx -> Uni.createFrom().voidItem());
  }

  /**
   * A user a SCIM create made, linked by the key identity-service has them under: the externalId
   * the client gave, else the userName ({@code externalIdGiven} false: SCIM shows none).
   */
  public Uni<Void> scimCreated(
      String tenantId, String userId, String key, boolean externalIdGiven, ScimName name) {
    return executor.execute(
        userId,
        tenantId,
        link -> link.link(tenantId, userId, DirectoryLink.Source.SCIM, key, externalIdGiven, name),
        tx -> Uni.createFrom().voidItem());
  }

  /** A user a SCIM create made, as {@link #scimCreated} takes them. */
  public record ScimCreated(String userId, String key, boolean externalIdGiven, ScimName name) {}

  /** {@link #scimCreated} for creates done together: their link streams start together. */
  public Uni<Void> scimCreatedAll(String tenantId, List<ScimCreated> created) {
    Map<String, Function<DirectoryLink, List<DirectoryLink.Event>>> decisions =
        new LinkedHashMap<>();
    created.forEach(
        user ->
            decisions.put(
                user.userId(),
                link ->
                    link.link(
                        tenantId,
                        user.userId(),
                        DirectoryLink.Source.SCIM,
                        user.key(),
                        user.externalIdGiven(),
                        user.name())));
    return startTogether(tenantId, decisions);
  }

  /** What a SCIM PUT or PATCH leaves of a user's link (see {@link DirectoryLink#scim}). */
  public Uni<Void> scimChanged(
      String tenantId, String userId, String givenExternalId, String userName, ScimName name) {
    return executor.execute(
        userId,
        tenantId,
        link -> link.scim(tenantId, userId, givenExternalId, userName, name),
        tx -> Uni.createFrom().voidItem());
  }

  /** What a Google run applied to a user (linking the user first if the run created them). */
  public Uni<Void> synced(String tenantId, SyncedUser applied) {
    return executor.execute(
        applied.userId(),
        tenantId,
        link -> link.synced(tenantId, applied),
        tx -> Uni.createFrom().voidItem());
  }

  /** {@link #synced} for a page of users a run created: their link streams start together. */
  public Uni<Void> syncedAll(String tenantId, List<SyncedUser> created) {
    Map<String, Function<DirectoryLink, List<DirectoryLink.Event>>> decisions =
        new LinkedHashMap<>();
    created.forEach(
        applied -> decisions.put(applied.userId(), link -> link.synced(tenantId, applied)));
    return startTogether(tenantId, decisions);
  }

  /**
   * New link streams started in one transaction; should another write have started one of them,
   * each is decided on its own instead.
   */
  private Uni<Void> startTogether(
      String tenantId, Map<String, Function<DirectoryLink, List<DirectoryLink.Event>>> decisions) {
    if (decisions.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return executor
        .startAll(tenantId, decisions, tx -> Uni.createFrom().voidItem())
        .onFailure(ConcurrencyConflictException.class)
        .recoverWithUni(
            () -> {
              Uni<Void> oneByOne = Uni.createFrom().voidItem();
              for (Map.Entry<String, Function<DirectoryLink, List<DirectoryLink.Event>>> decision :
                  decisions.entrySet()) {
                oneByOne =
                    oneByOne.chain(
                        () ->
                            executor.execute(
                                decision.getKey(),
                                tenantId,
                                decision.getValue(),
                                tx -> Uni.createFrom().voidItem()));
              }
              return oneByOne;
            });
  }

  public Uni<Void> unlinked(String tenantId, String userId, DirectoryLink.Source source) {
    return executor.execute(
        userId,
        tenantId,
        link -> link.unlink(tenantId, userId, source),
        tx -> Uni.createFrom().voidItem());
  }
}
