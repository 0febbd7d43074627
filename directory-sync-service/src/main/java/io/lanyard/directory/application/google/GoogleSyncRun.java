package io.lanyard.directory.application.google;

import io.lanyard.directory.application.DirectoryLinks;
import io.lanyard.directory.client.DirectoryWrites;
import io.lanyard.directory.client.IdentityServiceClient.Profile;
import io.lanyard.directory.domain.google.DirectoryUser;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.directory.domain.google.UserPlan;
import io.lanyard.directory.domain.google.UserPlan.FieldChange;
import io.lanyard.directory.infra.GoogleUsers;
import io.lanyard.directory.infra.SyncRuns;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.SecretHasher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  static final String CODE_DIGEST = "google-field:accessCode";
  static final String CARD_DIGEST = "google-field:cardNumber";

  private final String tenantId;
  private final String runId;
  private final GoogleSettings settings;
  private final GoogleDirectory directory;
  private final Collaborators with;

  private final Set<String> seen = new HashSet<>();
  private final List<SyncRuns.UserError> errors = new ArrayList<>();
  private int created;
  private int updated;
  private int suspended;
  private int deleted;
  private int unchanged;
  private int failed;
  private int usersSeen;
  private int pagesRead;

  /** What a run works with, shared by all runs. */
  record Collaborators(
      DirectoryWrites writes,
      DirectoryLinks links,
      GoogleUsers googleUsers,
      SyncRuns runs,
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
    String pageToken = null;
    do {
      GoogleDirectory.Page page = directory.list(pageToken);
      pagesRead++;
      apply(page.users());
      reportProgress();
      pageToken = page.nextPageToken();
    } while (pageToken != null);
    if (settings.deleteRemovedUsers()) {
      removeUnseen();
    }
    reportProgress();
  }

  int usersSeen() {
    return usersSeen;
  }

  SyncCounts counts() {
    return new SyncCounts(created, updated, suspended, deleted, unchanged, failed);
  }

  private void apply(List<GoogleDirectory.GoogleUser> page) {
    List<DirectoryUser> inScope = new ArrayList<>();
    for (GoogleDirectory.GoogleUser user : page) {
      usersSeen++;
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
    for (DirectoryUser user : inScope) {
      UserPlan plan = UserPlan.decide(user, last.get(user.googleId()), settings);
      try {
        apply(plan);
      } catch (RuntimeException e) {
        failed++;
        if (errors.size() < ERRORS_KEPT) {
          errors.add(new SyncRuns.UserError(user.primaryEmail(), reason(e)));
        }
        LOG.debugf("run %s: %s failed: %s", runId, user, reason(e));
      }
    }
  }

  private void apply(UserPlan plan) {
    DirectoryUser user = plan.user();
    switch (plan.action()) {
      case UNCHANGED -> unchanged++;
      case CREATE -> create(plan, user);
      case UPDATE -> update(plan, user);
    }
  }

  private void create(UserPlan plan, DirectoryUser user) {
    DirectoryWrites.Upserted upserted =
        with.writes()
            .upsert(tenantId, GoogleUsers.GOOGLE, user.googleId(), profile(user))
            .await()
            .indefinitely();
    String userId = upserted.user().id();
    if (!upserted.created()) {
      // Known to identity-service but not to this run's records (lost, or linked another way):
      // apply everything Google says.
      update(
          new UserPlan(
              user,
              userId,
              UserPlan.Action.UPDATE,
              false,
              user.suspended(),
              user.accessCode() == null ? FieldChange.KEEP : FieldChange.SET,
              user.cardNumber() == null ? FieldChange.KEEP : FieldChange.SET),
          user);
      return;
    }
    try {
      with.writes()
          .initialCode(
              tenantId,
              userId,
              plan.code() == FieldChange.SET ? user.accessCode() : null,
              user.primaryEmail())
          .await()
          .indefinitely();
      if (plan.card() == FieldChange.SET) {
        with.writes().directoryCard(tenantId, userId, user.cardNumber()).await().indefinitely();
      }
      if (Boolean.TRUE.equals(plan.suspend())) {
        with.writes().active(tenantId, userId, false).await().indefinitely();
      }
    } catch (RuntimeException e) {
      // No user without the code the directory gave: the next run tries again.
      with.writes().delete(tenantId, userId).await().indefinitely();
      throw e;
    }
    record(userId, user);
    created++;
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
      suspended++;
    } else {
      updated++;
    }
  }

  private void record(String userId, DirectoryUser user) {
    with.links()
        .synced(
            tenantId,
            new SyncedUser(
                user.googleId(),
                userId,
                user.profileFingerprint(),
                user.suspended(),
                user.codeDigest(),
                user.cardDigest()))
        .await()
        .indefinitely();
  }

  /** Users that came from Google and are gone from it, or out of the synced org units. */
  private void removeUnseen() {
    for (SyncedUser user : with.googleUsers().all(tenantId).await().indefinitely()) {
      if (seen.contains(user.googleId())) {
        continue;
      }
      try {
        with.writes().delete(tenantId, user.userId()).await().indefinitely();
        with.links().unlinked(tenantId, user.userId(), GoogleUsers.GOOGLE).await().indefinitely();
        deleted++;
      } catch (RuntimeException e) {
        failed++;
        errors.add(new SyncRuns.UserError(user.googleId(), reason(e)));
      }
    }
  }

  private void reportProgress() {
    with.runs()
        .progress(runId, usersSeen, pagesRead, counts(), List.copyOf(errors))
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
