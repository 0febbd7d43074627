package io.lanyard.directory.application;

import io.lanyard.directory.application.CreateLanes.Waiting;
import io.lanyard.directory.client.CredentialServiceClient;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.directory.client.IdentityServiceClient;
import io.lanyard.directory.client.IdentityServiceClient.User;
import io.lanyard.directory.domain.DirectoryLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SCIM creates of one tenant done together, with one call per service where one each would take
 * three: identity-service creates the users, credential-service gives them their first codes and
 * cards, their links start in one transaction and the users are recorded in one round trip. Every
 * create keeps the answer it would have had on its own: one that is not plain (its userName or
 * externalId is there already, identity-service or the batch refuses it, a suspended user) is done
 * on its own; one whose code or card credential-service refuses is removed again and answered with
 * that refusal.
 */
@ApplicationScoped
class ScimCreateBatch {

  /** What a create done on its own does (and how a half-done one is undone). */
  interface Alone {
    Uni<ScimUserRow> create(String tenantId, NewScimUser user);

    Uni<Void> undo(String tenantId, User user, Throwable why);
  }

  private final DirectoryWrites writes;
  private final DirectoryLinks links;
  private final ScimUserStore users;
  private final Pool pool;
  private final Counter runs;
  private final Counter together;

  ScimCreateBatch(
      DirectoryWrites writes,
      DirectoryLinks links,
      ScimUserStore users,
      Pool pool,
      MeterRegistry registry) {
    this.writes = writes;
    this.links = links;
    this.users = users;
    this.pool = pool;
    this.runs =
        Counter.builder("lanyard.scim.create.runs")
            .description("Runs of SCIM creates done together (a tenant's creates sent in parallel)")
            .register(registry);
    this.together =
        Counter.builder("lanyard.scim.creates.together")
            .description("SCIM creates that went in a run with others")
            .register(registry);
  }

  Uni<Void> createAll(String tenantId, List<Waiting<NewScimUser, ScimUserRow>> run, Alone alone) {
    runs.increment();
    together.increment(run.size());
    List<String> userNames = run.stream().map(w -> w.request().profile().username()).toList();
    List<String> keys = run.stream().map(w -> w.request().externalId()).toList();
    List<Waiting<NewScimUser, ScimUserRow>> plain = new ArrayList<>();
    List<Waiting<NewScimUser, ScimUserRow>> others = new ArrayList<>();
    return users
        .taken(pool, tenantId, userNames, keys)
        .chain(
            taken -> {
              for (Waiting<NewScimUser, ScimUserRow> waiting : run) {
                NewScimUser user = waiting.request();
                boolean isPlain =
                    !Boolean.FALSE.equals(user.payload().active)
                        && !taken.userNames().contains(user.profile().username())
                        && !taken.externalIds().contains(user.externalId());
                (isPlain ? plain : others).add(waiting);
              }
              return createdInIdentity(tenantId, plain, others);
            })
        .chain(created -> withCredentials(tenantId, created, alone))
        .chain(done -> linkedAndRecorded(tenantId, done))
        // What is not plain goes on its own after the rest, one at a time, as it would alone.
        .onTermination()
        .call(() -> oneByOne(tenantId, others, alone));
  }

  /** The plain creates identity-service made: each waiting request with its new user. */
  private Uni<Map<Waiting<NewScimUser, ScimUserRow>, User>> createdInIdentity(
      String tenantId,
      List<Waiting<NewScimUser, ScimUserRow>> plain,
      List<Waiting<NewScimUser, ScimUserRow>> others) {
    Map<Waiting<NewScimUser, ScimUserRow>, User> created = new LinkedHashMap<>();
    if (plain.isEmpty()) {
      return Uni.createFrom().item(created);
    }
    Map<String, Waiting<NewScimUser, ScimUserRow>> byKey = new LinkedHashMap<>();
    List<IdentityServiceClient.NewUser> newUsers = new ArrayList<>();
    for (Waiting<NewScimUser, ScimUserRow> waiting : plain) {
      NewScimUser user = waiting.request();
      byKey.put(user.externalId(), waiting);
      newUsers.add(
          new IdentityServiceClient.NewUser(
              user.externalId(),
              user.profile().username(),
              user.profile().displayName(),
              user.profile().email(),
              null,
              user.profile().locale(),
              false));
    }
    return writes
        .createAll(tenantId, DirectoryLink.Source.SCIM, newUsers)
        .onFailure()
        .invoke(failure -> plain.forEach(waiting -> waiting.fail(failure)))
        .map(
            results -> {
              for (IdentityServiceClient.BatchResult result : results) {
                Waiting<NewScimUser, ScimUserRow> waiting = byKey.get(result.externalId());
                if (waiting == null) {
                  continue;
                }
                if (result.created() && result.user() != null) {
                  created.put(waiting, result.user());
                } else {
                  // There already, or refused: on its own it is retried, adopted or refused.
                  others.add(waiting);
                }
              }
              return created;
            });
  }

  /**
   * The new users' first codes and cards; a user credential-service refuses is removed again and
   * answered with the refusal. Answers the users that have theirs.
   */
  private Uni<Map<Waiting<NewScimUser, ScimUserRow>, User>> withCredentials(
      String tenantId, Map<Waiting<NewScimUser, ScimUserRow>, User> created, Alone alone) {
    if (created.isEmpty()) {
      return Uni.createFrom().item(created);
    }
    Map<String, Waiting<NewScimUser, ScimUserRow>> byUserId = new LinkedHashMap<>();
    List<CredentialServiceClient.NewUserCredentials> credentials = new ArrayList<>();
    created.forEach(
        (waiting, user) -> {
          byUserId.put(user.id(), waiting);
          credentials.add(
              new CredentialServiceClient.NewUserCredentials(
                  user.id(), user.email(), waiting.request().code(), waiting.request().card()));
        });
    return writes
        .initialAll(tenantId, credentials)
        .onFailure()
        .call(failure -> undoAll(tenantId, created, failure, alone))
        .chain(
            results -> {
              Map<Waiting<NewScimUser, ScimUserRow>, User> done = new LinkedHashMap<>(created);
              Uni<Void> undone = Uni.createFrom().voidItem();
              for (CredentialServiceClient.BatchResult result : results) {
                Waiting<NewScimUser, ScimUserRow> waiting = byUserId.get(result.userId());
                if (waiting == null || result.error() == null) {
                  continue;
                }
                User user = done.remove(waiting);
                Throwable refusal = result.refusal();
                undone =
                    undone
                        .chain(() -> alone.undo(tenantId, user, refusal))
                        .invoke(() -> waiting.fail(refusal));
              }
              return undone.replaceWith(done);
            });
  }

  private Uni<Void> undoAll(
      String tenantId,
      Map<Waiting<NewScimUser, ScimUserRow>, User> created,
      Throwable failure,
      Alone alone) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<Waiting<NewScimUser, ScimUserRow>, User> entry : created.entrySet()) {
      chain =
          chain
              .chain(() -> alone.undo(tenantId, entry.getValue(), failure))
              .invoke(() -> entry.getKey().fail(failure));
    }
    return chain;
  }

  /** The links start together, then the users are recorded and each create answered. */
  private Uni<Void> linkedAndRecorded(
      String tenantId, Map<Waiting<NewScimUser, ScimUserRow>, User> done) {
    if (done.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<DirectoryLinks.ScimCreated> linked = new ArrayList<>();
    List<ScimUserStore.Recorded> recorded = new ArrayList<>();
    done.forEach(
        (waiting, user) -> {
          NewScimUser request = waiting.request();
          linked.add(
              new DirectoryLinks.ScimCreated(
                  user.id(),
                  request.externalId(),
                  request.externalIdGiven(),
                  request.payload().name));
          recorded.add(ScimUserRecords.of(user));
        });
    return links
        .scimCreatedAll(tenantId, linked)
        .chain(() -> users.record(pool, tenantId, recorded))
        .chain(
            written -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Map.Entry<Waiting<NewScimUser, ScimUserRow>, User> entry : done.entrySet()) {
                UUID id = UUID.fromString(entry.getValue().id());
                chain =
                    chain.chain(
                        () ->
                            entry
                                .getKey()
                                .answerWith(
                                    ScimUserRecords.answer(users, pool, tenantId, id, written)));
              }
              return chain;
            })
        .onFailure()
        .invoke(failure -> done.keySet().forEach(waiting -> waiting.fail(failure)));
  }

  private static Uni<Void> oneByOne(
      String tenantId, List<Waiting<NewScimUser, ScimUserRow>> others, Alone alone) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Waiting<NewScimUser, ScimUserRow> waiting : others) {
      chain =
          chain.chain(
              () ->
                  waiting.answerWith(
                      Uni.createFrom().deferred(() -> alone.create(tenantId, waiting.request()))));
    }
    return chain;
  }
}
