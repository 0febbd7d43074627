package io.lanyard.credential.application;

import io.lanyard.credential.application.JobStreams.Loaded;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialJob;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.JobEvent;
import io.lanyard.credential.domain.JobResult;
import io.lanyard.credential.domain.JobStatus;
import io.lanyard.credential.domain.Regeneration;
import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.JobRecords;
import io.lanyard.credential.infra.Policies;
import io.lanyard.eventstore.EventStream;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One chunk of a regeneration job (ADR 6), in one transaction: the job's next users after its
 * cursor, each given a new generated code (or skipped, or refused), and the job's {@code
 * CredentialJobProgressed} (and, after its last users, {@code CredentialJobEnded}) appended with
 * them. A crash before the commit leaves neither; after it, the job goes on after the cursor: no
 * user is done twice. The job's event is appended at the version the chunk began with, so a cancel
 * that came in meanwhile fails the chunk whole.
 *
 * <p>Hundreds of users without a round trip each: their streams are loaded, their events appended
 * and their read model rows written by statements sent together on the transaction's connection
 * (which pipelines them); the new codes' uniqueness is checked by one batch of lookups.
 */
@ApplicationScoped
public class RegenerationChunk {

  /** What a chunk did: nothing (the job had ended), or a chunk, and whether the job ended. */
  public record Outcome(boolean ran, int users, JobStatus endedAs) {

    static final Outcome NOTHING = new Outcome(false, 0, null);
  }

  // A new code another user holds (or another of the chunk drew) is drawn again; after this many
  // rounds the user is refused rather than the chunk held up.
  private static final int DRAWS = 5;
  private static final String CREDENTIALS = "credentials";

  private final PgEventStore store;
  private final JobStreams jobs;
  private final JobRecords jobRecords;
  private final CredentialRecords records;
  private final CredentialSecrets secrets;
  private final Policies policies;
  private final Clock clock;

  RegenerationChunk(
      PgEventStore store,
      JobStreams jobs,
      JobRecords jobRecords,
      CredentialRecords records,
      CredentialSecrets secrets,
      Policies policies,
      Clock clock) {
    this.store = store;
    this.jobs = jobs;
    this.jobRecords = jobRecords;
    this.records = records;
    this.secrets = secrets;
    this.policies = policies;
    this.clock = clock;
  }

  /** Runs the job's next chunk of at most {@code size} users. */
  public Uni<Outcome> run(UUID jobId, int size) {
    return store.inTransaction(
        tx ->
            jobs.load(tx, jobId)
                .chain(
                    loaded ->
                        !loaded.job().exists() || loaded.job().status().ended()
                            ? Uni.createFrom().item(Outcome.NOTHING)
                            : run(tx, loaded, size)));
  }

  private Uni<Outcome> run(SqlConnection tx, Loaded loaded, int size) {
    CredentialJob job = loaded.job();
    return jobRecords
        .usersAfter(tx, job.id(), job.cursor(), size + 1)
        .chain(
            next -> {
              boolean last = next.size() <= size;
              List<UUID> chunk = last ? next : next.subList(0, size);
              return policies
                  .current(tx, job.tenantId())
                  .chain(policy -> regenerate(tx, job, policy, chunk))
                  .chain(
                      results -> {
                        List<JobEvent> events = job.progress(results, last);
                        return jobs.append(tx, loaded, events)
                            .replaceWith(
                                new Outcome(true, chunk.size(), last ? JobStatus.COMPLETED : null));
                      });
            });
  }

  /** The chunk's users, decided and written; answers their results in user-id order. */
  private Uni<List<JobResult>> regenerate(
      SqlConnection tx, CredentialJob job, CredentialPolicy policy, List<UUID> chunk) {
    String tenant = job.tenantId();
    return loadAll(tx, chunk)
        .chain(
            streams -> {
              Map<UUID, Credentials> states = new LinkedHashMap<>();
              streams.forEach(
                  (user, stream) ->
                      states.put(
                          user,
                          Credentials.fold(
                              user.toString(),
                              tenant,
                              CredentialEventCodecs.CREDENTIALS.decode(stream))));
              // One now for the chunk: a user's code drawn and the decision to use it agree.
              Instant now = clock.instant();
              Set<String> drawn = new HashSet<>();
              Map<UUID, SealedSecret> codes = new HashMap<>();
              for (Map.Entry<UUID, Credentials> user : states.entrySet()) {
                if (user.getValue().regenerationSkipped(now).isEmpty()) {
                  codes.put(user.getKey(), draw(tenant, policy, drawn));
                }
              }
              return freeCodes(tx, tenant, policy, codes, drawn, DRAWS)
                  .chain(free -> write(tx, job, states, streams, free, now));
            });
  }

  /** A new code none of the chunk's others has drawn (the plain codes stay in this method). */
  private SealedSecret draw(String tenant, CredentialPolicy policy, Set<String> drawn) {
    return secrets.generated(tenant, policy, candidate -> !drawn.add(candidate));
  }

  private Uni<Map<UUID, SealedSecret>> freeCodes(
      SqlConnection tx,
      String tenant,
      CredentialPolicy policy,
      Map<UUID, SealedSecret> codes,
      Set<String> drawn,
      int drawsLeft) {
    return records
        .inUse(tx, tenant, codes.values().stream().map(SealedSecret::hash).toList(), List.of())
        .chain(
            inUse -> {
              List<UUID> clashing =
                  codes.entrySet().stream()
                      .filter(code -> inUse.contains("code:" + code.getValue().hash()))
                      .map(Map.Entry::getKey)
                      .toList();
              if (clashing.isEmpty()) {
                return Uni.createFrom().item(codes);
              }
              if (drawsLeft <= 1) {
                // Left without a code: write() refuses them.
                clashing.forEach(codes::remove);
                return Uni.createFrom().item(codes);
              }
              Map<UUID, SealedSecret> redrawn = new HashMap<>();
              clashing.forEach(user -> redrawn.put(user, draw(tenant, policy, drawn)));
              return freeCodes(tx, tenant, policy, redrawn, drawn, drawsLeft - 1)
                  .map(
                      again -> {
                        clashing.forEach(codes::remove);
                        codes.putAll(again);
                        return codes;
                      });
            });
  }

  private Uni<List<JobResult>> write(
      SqlConnection tx,
      CredentialJob job,
      Map<UUID, Credentials> states,
      Map<UUID, EventStream> streams,
      Map<UUID, SealedSecret> codes,
      Instant now) {
    List<JobResult> results = new ArrayList<>();
    List<Uni<Void>> appends = new ArrayList<>();
    List<CredentialEvent> changed = new ArrayList<>();
    for (Map.Entry<UUID, Credentials> user : states.entrySet()) {
      UUID userId = user.getKey();
      EventStream stream = streams.get(userId);
      Regeneration decided = decide(user.getValue(), codes.get(userId), job, now);
      results.add(new JobResult(userId, decided.outcome(), decided.reason()));
      if (decided.events().isEmpty()) {
        continue;
      }
      changed.addAll(decided.events());
      appends.add(
          store
              .append(
                  tx,
                  new StreamId(CREDENTIALS, userId.toString(), job.tenantId()),
                  stream.version(),
                  CredentialEventCodecs.CREDENTIALS.encode(decided.events()))
              .replaceWithVoid());
    }
    // Sent together: the connection pipelines them. The read model after the events, as the
    // executor does: its unique index on codes is the last word on a code drawn twice at once.
    return all(appends)
        .chain(() -> all(changed.stream().map(event -> records.apply(tx, event)).toList()))
        .replaceWith(results);
  }

  /** A user left without a free code after every draw is refused; the others as decided. */
  private static Regeneration decide(
      Credentials state, SealedSecret code, CredentialJob job, Instant now) {
    if (code == null && state.regenerationSkipped(now).isEmpty()) {
      return Regeneration.refused("code_space_exhausted");
    }
    return code == null
        ? Regeneration.skipped(state.regenerationSkipped(now).orElseThrow())
        : state.regenerate(code, job.notifyUsers(), job.requestedBy(), now);
  }

  private Uni<Map<UUID, EventStream>> loadAll(SqlConnection tx, List<UUID> users) {
    if (users.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Uni<EventStream>> loads = users.stream().map(u -> store.load(tx, u.toString())).toList();
    return Uni.join()
        .all(loads)
        .andFailFast()
        .map(
            streams -> {
              Map<UUID, EventStream> byUser = new LinkedHashMap<>();
              for (int i = 0; i < users.size(); i++) {
                byUser.put(users.get(i), streams.get(i));
              }
              return byUser;
            });
  }

  private static Uni<Void> all(List<Uni<Void>> work) {
    return work.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(work).andFailFast().replaceWithVoid();
  }
}
