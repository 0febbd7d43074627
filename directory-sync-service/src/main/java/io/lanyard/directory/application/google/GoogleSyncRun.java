package io.lanyard.directory.application.google;

import io.lanyard.directory.application.DirectoryLinks;
import io.lanyard.directory.client.CredentialServiceClient;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.directory.client.IdentityServiceClient;
import io.lanyard.directory.client.IdentityServiceClient.Profile;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.google.DirectoryUser;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.directory.domain.google.UserPlan;
import io.lanyard.directory.domain.google.UserPlan.FieldChange;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.SecretHasher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One run over a tenant's Google directory, on a worker thread of its own: page by page, each user
 * planned against what the last run applied ({@link UserPlan}) and the changes sent to
 * identity-service and credential-service; a user that fails is that user's error and the run goes
 * on. After the last page, users that came from Google and were not seen are deleted when the
 * settings say so.
 */
final class GoogleSyncRun {

  private static final Logger LOG = Logger.getLogger(GoogleSyncRun.class);
  private static final int ERRORS_KEPT = 1000;
  // Measured with 100,000 users: 3 in flight 70.7 s, 4 63.8 s, 6 58.0 s (docs/benchmarks.md).
  private static final int PAGES_IN_FLIGHT = 6;
  private static final java.time.Duration PROGRESS_EVERY = java.time.Duration.ofSeconds(2);
  static final String CODE_DIGEST = "google-field:accessCode";
  static final String CARD_DIGEST = "google-field:cardNumber";

  private final String tenantId;
  private final String runId;
  private final GoogleSettings settings;
  private final GoogleDirectory directory;
  private final Collaborators with;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<SyncRunStore.UserError> errors =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger updated = new AtomicInteger();
  private final AtomicInteger suspended = new AtomicInteger();
  private final AtomicInteger deleted = new AtomicInteger();
  private final AtomicInteger unchanged = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger usersSeen = new AtomicInteger();
  private final AtomicInteger pagesRead = new AtomicInteger();
  private volatile long lastReport = System.nanoTime();

  /** What a run works with, shared by all runs. */
  record Collaborators(
      DirectoryWrites writes,
      DirectoryLinks links,
      GoogleUserStore googleUsers,
      SyncRunStore runs,
      SecretHasher hasher) {}

  GoogleSyncRun(
      String tenantId,
      String runId,
      GoogleSettings settings,
      GoogleDirectory directory,
      Collaborators with) {
    this.tenantId = tenantId;
    this.runId = runId;
    this.settings = settings;
    this.directory = directory;
    this.with = with;
  }

  /** Reads and applies the whole directory; throws when Google cannot be read to its end. */
  void run() throws IOException {
    ExecutorService appliers =
        Executors.newFixedThreadPool(
            PAGES_IN_FLIGHT,
            task -> {
              Thread thread = new Thread(task, "google-sync-page");
              thread.setDaemon(true);
              return thread;
            });
    try {
      readAndApply(appliers);
    } finally {
      appliers.shutdownNow();
    }
    if (settings.deleteRemovedUsers()) {
      removeUnseen();
    }
    reportProgress();
  }

  /**
   * Pages are read one after another (each names the next) and applied a few at a time: while
   * identity-service creates one page's users, credential-service gives another page's their codes,
   * and the next page is read from Google.
   */
  private void readAndApply(ExecutorService appliers) throws IOException {
    Semaphore inFlight = new Semaphore(PAGES_IN_FLIGHT);
    List<Future<?>> applying = new ArrayList<>();
    String pageToken = null;
    do {
      GoogleDirectory.Page page = directory.list(pageToken);
      pagesRead.incrementAndGet();
      acquire(inFlight);
      applying.add(
          appliers.submit(
              () -> {
                try {
                  apply(page.users());
                  reportProgressNowAndThen();
                } finally {
                  inFlight.release();
                }
              }));
      rethrowFailures(applying, false);
      pageToken = page.nextPageToken();
    } while (pageToken != null);
    rethrowFailures(applying, true);
    reportProgress();
  }

  /** A page that could not be applied (a service down) fails the run. */
  private static void rethrowFailures(List<Future<?>> applying, boolean waitForAll) {
    for (var pages = applying.iterator(); pages.hasNext(); ) {
      Future<?> page = pages.next();
      if (!waitForAll && !page.isDone()) {
        continue;
      }
      try {
        page.get();
        pages.remove();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime
            ? runtime
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static void acquire(Semaphore inFlight) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  int usersSeen() {
    return usersSeen.get();
  }

  SyncCounts counts() {
    return new SyncCounts(
        created.get(),
        updated.get(),
        suspended.get(),
        deleted.get(),
        unchanged.get(),
        failed.get());
  }

  private void apply(List<GoogleDirectory.GoogleUser> page) {
    List<DirectoryUser> inScope = new ArrayList<>();
    for (GoogleDirectory.GoogleUser user : page) {
      usersSeen.incrementAndGet();
      if (settings.inScope(user.orgUnitPath())) {
        inScope.add(directoryUser(user));
        seen.add(user.id());
      }
    }
    Map<String, SyncedUser> last =
        with.googleUsers()
            .find(tenantId, inScope.stream().map(DirectoryUser::googleId).toList())
            .await()
            .indefinitely();
    List<UserPlan> creates = new ArrayList<>();
    for (DirectoryUser user : inScope) {
      UserPlan plan = UserPlan.decide(user, last.get(user.googleId()), settings);
      switch (plan.action()) {
        case UNCHANGED -> unchanged.incrementAndGet();
        case CREATE -> creates.add(plan);
        case UPDATE -> alone(user, () -> update(plan, user));
      }
    }
    if (!creates.isEmpty()) {
      createAll(creates);
    }
  }

  /** One user's changes on their own; what fails is that user's error. */
  private void alone(DirectoryUser user, Runnable change) {
    try {
      change.run();
      reportProgressNowAndThen();
    } catch (RuntimeException e) {
      failed(user.primaryEmail(), reason(e));
    }
  }

  private void failed(String user, String reason) {
    failed.incrementAndGet();
    if (errors.size() < ERRORS_KEPT) {
      errors.add(new SyncRunStore.UserError(user, reason));
    }
    LOG.debugf("run %s: %s failed: %s", runId, user, reason);
  }

  /**
   * A page's new users with three calls, not three per user: identity-service creates them,
   * credential-service gives them their first codes and cards, and their links start together. A
   * user refused on the way is that user's error; one refused by credential-service is removed
   * again (no user without the code the directory gave).
   */
  private void createAll(List<UserPlan> plans) {
    List<IdentityServiceClient.NewUser> newUsers = new ArrayList<>();
    Map<String, UserPlan> byGoogleId = new HashMap<>();
    for (UserPlan plan : plans) {
      DirectoryUser user = plan.user();
      byGoogleId.put(user.googleId(), plan);
      newUsers.add(
          new IdentityServiceClient.NewUser(
              user.googleId(),
              user.primaryEmail(),
              user.displayName(),
              user.primaryEmail(),
              user.orgUnitPath(),
              null,
              user.suspended()));
    }
    List<CredentialServiceClient.NewUserCredentials> credentials = new ArrayList<>();
    Map<String, DirectoryUser> createdById = new LinkedHashMap<>();
    for (IdentityServiceClient.BatchResult result :
        with.writes()
            .createAll(tenantId, DirectoryLink.Source.GOOGLE, newUsers)
            .await()
            .indefinitely()) {
      UserPlan plan = byGoogleId.get(result.externalId());
      DirectoryUser user = plan.user();
      if (result.error() != null) {
        failed(user.primaryEmail(), result.message());
      } else if (!result.created()) {
        alone(user, () -> adopt(user, result.userId()));
      } else {
        createdById.put(result.userId(), user);
        credentials.add(
            new CredentialServiceClient.NewUserCredentials(
                result.userId(),
                user.primaryEmail(),
                plan.code() == FieldChange.SET ? user.accessCode() : null,
                plan.card() == FieldChange.SET ? user.cardNumber() : null));
      }
    }
    if (credentials.isEmpty()) {
      return;
    }
    List<SyncedUser> synced = new ArrayList<>();
    for (CredentialServiceClient.BatchResult result :
        with.writes().initialAll(tenantId, credentials).await().indefinitely()) {
      DirectoryUser user = createdById.get(result.userId());
      if (result.error() != null) {
        alone(
            user,
            () -> {
              with.writes().delete(tenantId, result.userId()).await().indefinitely();
              throw result.refusal();
            });
      } else {
        synced.add(applied(result.userId(), user));
      }
    }
    with.links().syncedAll(tenantId, synced).await().indefinitely();
    created.addAndGet(synced.size());
    reportProgressNowAndThen();
  }

  /**
   * A user identity-service has from Google already, though no run recorded them (records lost, or
   * a run that died half-way): everything Google says is applied.
   */
  private void adopt(DirectoryUser user, String userId) {
    update(
        new UserPlan(
            user,
            userId,
            UserPlan.Action.UPDATE,
            true,
            user.suspended() ? Boolean.TRUE : null,
            user.accessCode() == null ? FieldChange.KEEP : FieldChange.SET,
            user.cardNumber() == null ? FieldChange.KEEP : FieldChange.SET),
        user);
  }

  private void update(UserPlan plan, DirectoryUser user) {
    String userId = plan.userId();
    if (plan.profileChanged()) {
      with.writes().replace(tenantId, userId, profile(user)).await().indefinitely();
    }
    if (plan.suspend() != null) {
      with.writes().active(tenantId, userId, !plan.suspend()).await().indefinitely();
    }
    if (plan.code() != FieldChange.KEEP) {
      // null: the code field disappeared; credential-service generates a new code and emails it.
      with.writes()
          .directoryCode(
              tenantId, userId, plan.code() == FieldChange.SET ? user.accessCode() : null)
          .await()
          .indefinitely();
    }
    if (plan.card() != FieldChange.KEEP) {
      with.writes()
          .directoryCard(
              tenantId, userId, plan.card() == FieldChange.SET ? user.cardNumber() : null)
          .await()
          .indefinitely();
    }
    record(userId, user);
    if (Boolean.TRUE.equals(plan.suspend())) {
      suspended.incrementAndGet();
    } else {
      updated.incrementAndGet();
    }
  }

  private void record(String userId, DirectoryUser user) {
    with.links().synced(tenantId, applied(userId, user)).await().indefinitely();
  }

  private static SyncedUser applied(String userId, DirectoryUser user) {
    return new SyncedUser(
        user.googleId(),
        userId,
        user.profileFingerprint(),
        user.suspended(),
        user.codeDigest(),
        user.cardDigest());
  }

  /** Users that came from Google and are gone from it, or out of the synced org units. */
  private void removeUnseen() {
    for (SyncedUser user : with.googleUsers().all(tenantId).await().indefinitely()) {
      if (seen.contains(user.googleId())) {
        continue;
      }
      try {
        with.writes().delete(tenantId, user.userId()).await().indefinitely();
        with.links()
            .unlinked(tenantId, user.userId(), DirectoryLink.Source.GOOGLE)
            .await()
            .indefinitely();
        deleted.incrementAndGet();
        reportProgressNowAndThen();
      } catch (RuntimeException e) {
        failed(user.googleId(), reason(e));
      }
    }
  }

  private List<SyncRunStore.UserError> errorsSoFar() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** The progress (and the run's heartbeat) every few seconds while a page is applied. */
  private void reportProgressNowAndThen() {
    if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
      reportProgress();
    }
  }

  private synchronized void reportProgress() {
    lastReport = System.nanoTime();
    with.runs()
        .progress(runId, usersSeen.get(), pagesRead.get(), counts(), errorsSoFar())
        .await()
        .indefinitely();
  }

  private DirectoryUser directoryUser(GoogleDirectory.GoogleUser user) {
    String code = settings.syncAccessCodes() ? user.accessCode() : null;
    String card = settings.syncCardNumbers() ? user.cardNumber() : null;
    return new DirectoryUser(
        user.id(),
        user.primaryEmail().toLowerCase(Locale.ROOT),
        user.fullName() == null || user.fullName().isBlank()
            ? user.primaryEmail()
            : user.fullName(),
        user.orgUnitPath() == null ? "/" : user.orgUnitPath(),
        user.suspended(),
        code,
        code == null
            ? null
            : with.hasher().hash(tenantId, CODE_DIGEST, code.toUpperCase(Locale.ROOT)),
        card,
        card == null ? null : with.hasher().hash(tenantId, CARD_DIGEST, card));
  }

  private static Profile profile(DirectoryUser user) {
    return new Profile(
        user.primaryEmail(), user.displayName(), user.primaryEmail(), user.orgUnitPath(), null);
  }

  /** A refusal's message (they never hold a code or card number), or what failed. */
  private static String reason(RuntimeException e) {
    if (e instanceof DomainException refused) {
      return refused.getMessage();
    }
    if (e instanceof DirectoryWrites.Unavailable unavailable) {
      return unavailable.getMessage();
    }
    return e.getClass().getSimpleName();
  }
}
