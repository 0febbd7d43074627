package io.lanyard.directory.infra;

import io.lanyard.contracts.directory.DirectorySyncCompletedV1;
import io.lanyard.contracts.directory.DirectorySyncFailedV1;
import io.lanyard.contracts.directory.DirectorySyncStartedV1;
import io.lanyard.contracts.directory.DirectoryUserLinkedV1;
import io.lanyard.contracts.directory.DirectoryUserLinkedV2;
import io.lanyard.contracts.directory.DirectoryUserSyncedV1;
import io.lanyard.contracts.directory.DirectoryUserSyncedV2;
import io.lanyard.contracts.directory.DirectoryUserUnlinkedV1;
import io.lanyard.contracts.directory.GoogleConnectionConfiguredV1;
import io.lanyard.contracts.directory.GoogleConnectionRemovedV1;
import io.lanyard.contracts.directory.LinkPersonal;
import io.lanyard.contracts.directory.ScimTokenIssuedV1;
import io.lanyard.contracts.directory.ScimTokenRevokedV1;
import io.lanyard.contracts.directory.SyncedPersonal;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserLinked;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserSynced;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserUnlinked;
import io.lanyard.directory.domain.ScimTokenEvent;
import io.lanyard.directory.domain.ScimTokenEvent.ScimTokenIssued;
import io.lanyard.directory.domain.ScimTokenEvent.ScimTokenRevoked;
import io.lanyard.directory.domain.google.GoogleConnection;
import io.lanyard.directory.domain.google.GoogleConnection.Event.GoogleConnectionConfigured;
import io.lanyard.directory.domain.google.GoogleConnection.Event.GoogleConnectionRemoved;
import io.lanyard.directory.domain.google.GoogleSettings;
import io.lanyard.directory.domain.google.SyncCounts;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncCompleted;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncFailed;
import io.lanyard.directory.domain.google.SyncRun.Event.DirectorySyncStarted;
import io.lanyard.directory.domain.scim.ScimName;
import io.lanyard.eventstore.JsonEventCodec;
import java.util.UUID;

/**
 * directory-sync's domain events as the public records of {@code event-contracts} and back. The
 * domain keeps ids as text and its own enums; the records carry UUIDs and the coded values as their
 * enums, mapped here one constant at a time so that a value added on either side fails to compile
 * rather than travel wrong.
 */
public final class DirectoryEventCodecs {

  public static final JsonEventCodec<ScimTokenEvent> SCIM_TOKENS =
      new JsonEventCodec<ScimTokenEvent>()
          .map(
              ScimTokenIssuedV1.TYPE,
              ScimTokenIssued.class,
              ScimTokenIssuedV1.class,
              e -> new ScimTokenIssuedV1(e.tenantId(), e.tokenHash(), e.issuedBy()),
              c -> new ScimTokenIssued(c.tenantId(), c.tokenHash(), c.issuedBy()))
          .map(
              ScimTokenRevokedV1.TYPE,
              ScimTokenRevoked.class,
              ScimTokenRevokedV1.class,
              e -> new ScimTokenRevokedV1(e.tenantId(), e.revokedBy()),
              c -> new ScimTokenRevoked(c.tenantId(), c.revokedBy()));

  /** What an erased user's sealed data opens to: nothing (the key is gone). */
  private static final LinkPersonal ERASED_LINK = new LinkPersonal(null, null);

  private static final SyncedPersonal ERASED_SYNC = new SyncedPersonal(null, null);

  /**
   * Links and what Google runs applied, the directory's ids and names of the person sealed under
   * the user's data key (ADR 7, {@code DirectoryUserLinked.v2}, {@code DirectoryUserSynced.v2});
   * the v1 events written before are read through {@link DirectoryUpcasters}. An erased user's
   * events decode with those values null ({@link DirectoryLinkProjector} passes them over).
   */
  public static final JsonEventCodec<DirectoryLink.Event> LINKS =
      new JsonEventCodec<DirectoryLink.Event>()
          .mapSealed(
              DirectoryUserLinkedV2.TYPE,
              DirectoryUserLinked.class,
              DirectoryUserLinkedV2.class,
              (e, keys) ->
                  new DirectoryUserLinkedV2(
                      e.tenantId(),
                      uuid(e.userId()),
                      linkedSource(e.source()),
                      keys.seal(
                          e.tenantId(),
                          e.userId(),
                          new LinkPersonal(e.externalId(), contractName(e.name()))),
                      // Written only when they say something: a Google link looks as it always did.
                      e.externalIdGiven() ? null : Boolean.FALSE),
              (c, keys) -> {
                LinkPersonal person =
                    keys.open(c.tenantId(), c.userId().toString(), c.personal(), LinkPersonal.class)
                        .orElse(ERASED_LINK);
                return new DirectoryUserLinked(
                    c.tenantId(),
                    c.userId().toString(),
                    source(c.source()),
                    person.externalId(),
                    !Boolean.FALSE.equals(c.externalIdGiven()),
                    scimName(person.name()));
              })
          .map(
              DirectoryUserUnlinkedV1.TYPE,
              DirectoryUserUnlinked.class,
              DirectoryUserUnlinkedV1.class,
              e ->
                  new DirectoryUserUnlinkedV1(
                      e.tenantId(),
                      uuid(e.userId()),
                      unlinkedSource(e.source()),
                      DirectoryUserUnlinkedV1.Reason.DELETED),
              c ->
                  new DirectoryUserUnlinked(
                      c.tenantId(), c.userId().toString(), source(c.source())))
          .mapSealed(
              DirectoryUserSyncedV2.TYPE,
              DirectoryUserSynced.class,
              DirectoryUserSyncedV2.class,
              (e, keys) ->
                  new DirectoryUserSyncedV2(
                      e.tenantId(),
                      uuid(e.userId()),
                      DirectoryUserSyncedV1.Source.GOOGLE,
                      keys.seal(
                          e.tenantId(),
                          e.userId(),
                          new SyncedPersonal(e.externalId(), e.profileFingerprint())),
                      e.suspended(),
                      e.codeDigest(),
                      e.cardDigest()),
              (c, keys) -> {
                SyncedPersonal person =
                    keys.open(
                            c.tenantId(), c.userId().toString(), c.personal(), SyncedPersonal.class)
                        .orElse(ERASED_SYNC);
                return new DirectoryUserSynced(
                    c.tenantId(),
                    c.userId().toString(),
                    person.externalId(),
                    person.profileFingerprint(),
                    c.suspended(),
                    c.codeDigest(),
                    c.cardDigest());
              });

  public static final JsonEventCodec<GoogleConnection.Event> GOOGLE_CONNECTIONS =
      new JsonEventCodec<GoogleConnection.Event>()
          .map(
              GoogleConnectionConfiguredV1.TYPE,
              GoogleConnectionConfigured.class,
              GoogleConnectionConfiguredV1.class,
              DirectoryEventCodecs::configuredV1,
              DirectoryEventCodecs::configured)
          .map(
              GoogleConnectionRemovedV1.TYPE,
              GoogleConnectionRemoved.class,
              GoogleConnectionRemovedV1.class,
              e -> new GoogleConnectionRemovedV1(e.tenantId(), e.removedBy()),
              c -> new GoogleConnectionRemoved(c.tenantId(), c.removedBy()));

  public static final JsonEventCodec<SyncRun.Event> SYNC_RUNS =
      new JsonEventCodec<SyncRun.Event>()
          .map(
              DirectorySyncStartedV1.TYPE,
              DirectorySyncStarted.class,
              DirectorySyncStartedV1.class,
              e ->
                  new DirectorySyncStartedV1(
                      e.tenantId(),
                      uuid(e.runId()),
                      DirectorySyncStartedV1.Source.GOOGLE,
                      trigger(e.trigger())),
              c ->
                  new DirectorySyncStarted(
                      c.tenantId(), c.runId().toString(), trigger(c.trigger())))
          .map(
              DirectorySyncCompletedV1.TYPE,
              DirectorySyncCompleted.class,
              DirectorySyncCompletedV1.class,
              e ->
                  new DirectorySyncCompletedV1(
                      e.tenantId(), uuid(e.runId()), e.usersSeen(), completedCounts(e.counts())),
              c ->
                  new DirectorySyncCompleted(
                      c.tenantId(), c.runId().toString(), c.usersSeen(), counts(c.counts())))
          .map(
              DirectorySyncFailedV1.TYPE,
              DirectorySyncFailed.class,
              DirectorySyncFailedV1.class,
              e ->
                  new DirectorySyncFailedV1(
                      e.tenantId(), uuid(e.runId()), e.reason(), failedCounts(e.counts())),
              c ->
                  new DirectorySyncFailed(
                      c.tenantId(), c.runId().toString(), c.reason(), counts(c.counts())));

  private DirectoryEventCodecs() {}

  /**
   * The public record of a configuration: the settings column of a connection is written from it.
   */
  public static GoogleConnectionConfiguredV1 configuredV1(GoogleConnectionConfigured e) {
    return new GoogleConnectionConfiguredV1(
        e.tenantId(),
        e.customerId(),
        e.domain(),
        e.adminSubject(),
        e.apiRootUrl(),
        syncMode(e.syncMode()),
        e.intervalMinutes(),
        settingsSource(e.source()),
        e.orgUnits(),
        e.deleteRemovedUsers(),
        e.syncAccessCodes(),
        e.syncCardNumbers(),
        e.clientEmail(),
        e.keyCiphertext(),
        e.configuredBy());
  }

  public static GoogleConnectionConfigured configured(GoogleConnectionConfiguredV1 c) {
    return new GoogleConnectionConfigured(
        c.tenantId(),
        c.customerId(),
        c.domain(),
        c.adminSubject(),
        c.apiRootUrl(),
        syncMode(c.syncMode()),
        c.intervalMinutes(),
        settingsSource(c.source()),
        c.orgUnits(),
        c.deleteRemovedUsers(),
        c.syncAccessCodes(),
        c.syncCardNumbers(),
        c.clientEmail(),
        c.keyCiphertext(),
        c.configuredBy());
  }

  /** As the run's record shows it, the same coded value its event carries. */
  public static DirectorySyncStartedV1.Trigger trigger(SyncRun.Trigger trigger) {
    return switch (trigger) {
      case MANUAL -> DirectorySyncStartedV1.Trigger.MANUAL;
      case AUTOMATIC -> DirectorySyncStartedV1.Trigger.AUTOMATIC;
      case PUSH -> DirectorySyncStartedV1.Trigger.PUSH;
    };
  }

  private static SyncRun.Trigger trigger(DirectorySyncStartedV1.Trigger trigger) {
    return switch (trigger) {
      case MANUAL -> SyncRun.Trigger.MANUAL;
      case AUTOMATIC -> SyncRun.Trigger.AUTOMATIC;
      case PUSH -> SyncRun.Trigger.PUSH;
    };
  }

  public static GoogleConnectionConfiguredV1.SyncMode syncMode(GoogleSettings.SyncMode mode) {
    return switch (mode) {
      case AUTOMATIC -> GoogleConnectionConfiguredV1.SyncMode.AUTOMATIC;
      case MANUAL -> GoogleConnectionConfiguredV1.SyncMode.MANUAL;
    };
  }

  private static GoogleSettings.SyncMode syncMode(GoogleConnectionConfiguredV1.SyncMode mode) {
    return switch (mode) {
      case AUTOMATIC -> GoogleSettings.SyncMode.AUTOMATIC;
      case MANUAL -> GoogleSettings.SyncMode.MANUAL;
    };
  }

  private static GoogleConnectionConfiguredV1.Source settingsSource(GoogleSettings.Source source) {
    return switch (source) {
      case ALL -> GoogleConnectionConfiguredV1.Source.ALL;
      case ORG_UNITS -> GoogleConnectionConfiguredV1.Source.ORG_UNITS;
    };
  }

  private static GoogleSettings.Source settingsSource(GoogleConnectionConfiguredV1.Source source) {
    return switch (source) {
      case ALL -> GoogleSettings.Source.ALL;
      case ORG_UNITS -> GoogleSettings.Source.ORG_UNITS;
    };
  }

  private static DirectoryUserLinkedV1.Name contractName(ScimName name) {
    return name == null || name.isEmpty()
        ? null
        : new DirectoryUserLinkedV1.Name(
            name.formatted(),
            name.givenName(),
            name.familyName(),
            name.middleName(),
            name.honorificPrefix(),
            name.honorificSuffix());
  }

  private static ScimName scimName(DirectoryUserLinkedV1.Name name) {
    return name == null
        ? ScimName.NONE
        : new ScimName(
            name.formatted(),
            name.givenName(),
            name.familyName(),
            name.middleName(),
            name.honorificPrefix(),
            name.honorificSuffix());
  }

  private static DirectoryUserLinkedV1.Source linkedSource(DirectoryLink.Source source) {
    return switch (source) {
      case SCIM -> DirectoryUserLinkedV1.Source.SCIM;
      case GOOGLE -> DirectoryUserLinkedV1.Source.GOOGLE;
    };
  }

  private static DirectoryLink.Source source(DirectoryUserLinkedV1.Source source) {
    return switch (source) {
      case SCIM -> DirectoryLink.Source.SCIM;
      case GOOGLE -> DirectoryLink.Source.GOOGLE;
    };
  }

  private static DirectoryUserUnlinkedV1.Source unlinkedSource(DirectoryLink.Source source) {
    return switch (source) {
      case SCIM -> DirectoryUserUnlinkedV1.Source.SCIM;
      case GOOGLE -> DirectoryUserUnlinkedV1.Source.GOOGLE;
    };
  }

  private static DirectoryLink.Source source(DirectoryUserUnlinkedV1.Source source) {
    return switch (source) {
      case SCIM -> DirectoryLink.Source.SCIM;
      case GOOGLE -> DirectoryLink.Source.GOOGLE;
    };
  }

  private static DirectorySyncCompletedV1.Counts completedCounts(SyncCounts c) {
    return new DirectorySyncCompletedV1.Counts(
        c.created(), c.updated(), c.suspended(), c.deleted(), c.unchanged(), c.failed());
  }

  private static DirectorySyncFailedV1.Counts failedCounts(SyncCounts c) {
    return new DirectorySyncFailedV1.Counts(
        c.created(), c.updated(), c.suspended(), c.deleted(), c.unchanged(), c.failed());
  }

  private static SyncCounts counts(DirectorySyncCompletedV1.Counts c) {
    return new SyncCounts(
        c.created(), c.updated(), c.suspended(), c.deleted(), c.unchanged(), c.failed());
  }

  private static SyncCounts counts(DirectorySyncFailedV1.Counts c) {
    return new SyncCounts(
        c.created(), c.updated(), c.suspended(), c.deleted(), c.unchanged(), c.failed());
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
