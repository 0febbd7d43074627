package io.lanyard.directory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lanyard.directory.domain.DirectoryLink.Event;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserLinked;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserSynced;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserUnlinked;
import io.lanyard.directory.domain.DirectoryLink.Source;
import io.lanyard.directory.domain.google.SyncedUser;
import io.lanyard.directory.domain.scim.ScimName;
import io.lanyard.testsupport.AggregateScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's link to a directory: linking and unlinking are idempotent, a sync links if new. */
class DirectoryLinkAggregateTest {

  private static final String TENANT = "tenant-a";
  private static final String USER = "user-1";

  private final AggregateScenario<DirectoryLink, Event> link =
      AggregateScenario.of(DirectoryLink::fold);

  private static DirectoryUserLinked linked(Source source, String externalId) {
    return new DirectoryUserLinked(TENANT, USER, source, externalId);
  }

  private static final SyncedUser APPLIED =
      new SyncedUser("google-7", USER, "fingerprint", false, "code-digest", "card-digest");

  private static DirectoryUserSynced syncedEvent() {
    return new DirectoryUserSynced(
        TENANT, USER, "google-7", "fingerprint", false, "code-digest", "card-digest");
  }

  @Test
  void anUnlinkedUserIsLinked() {
    link.given()
        .when(l -> l.link(TENANT, USER, Source.SCIM, "ext-1"))
        .then(linked(Source.SCIM, "ext-1"));
  }

  @Test
  void linkingAnAlreadyLinkedUserRecordsNothing() {
    link.given(linked(Source.SCIM, "ext-1"))
        .when(l -> l.link(TENANT, USER, Source.SCIM, "ext-1"))
        .then();
  }

  @Test
  void linkingUnderAnotherExternalIdRelinks() {
    link.given(linked(Source.SCIM, "ext-1"))
        .when(l -> l.link(TENANT, USER, Source.SCIM, "ext-2"))
        .then(linked(Source.SCIM, "ext-2"));
    assertEquals(
        "ext-2",
        DirectoryLink.fold(List.of(linked(Source.SCIM, "ext-1"), linked(Source.SCIM, "ext-2")))
            .externalId());
  }

  private static final ScimName PAT = new ScimName(null, "Pat", "Example", null, null, null);

  @Test
  void aScimUserCreatedWithoutAnExternalIdIsKeyedByTheirUserNameAndShowsNone() {
    link.given()
        .when(l -> l.link(TENANT, USER, Source.SCIM, "pat@acme.example", false, PAT))
        .then(new DirectoryUserLinked(TENANT, USER, Source.SCIM, "pat@acme.example", false, PAT));
  }

  @Test
  void aScimWriteRecordsTheNameOnlyWhenItChangesAndKeepsTheKey() {
    DirectoryUserLinked created =
        new DirectoryUserLinked(TENANT, USER, Source.SCIM, "pat@acme.example", false, PAT);
    link.given(created).when(l -> l.scim(TENANT, USER, null, "renamed", PAT)).then();
    ScimName renamed = PAT.with(ScimName.Part.GIVEN_NAME, "Patricia");
    link.given(created)
        .when(l -> l.scim(TENANT, USER, null, "renamed", renamed))
        .then(
            new DirectoryUserLinked(TENANT, USER, Source.SCIM, "pat@acme.example", false, renamed));
    link.given(created)
        .when(l -> l.scim(TENANT, USER, "ext-9", "renamed", PAT))
        .then(new DirectoryUserLinked(TENANT, USER, Source.SCIM, "ext-9", true, PAT));
  }

  @Test
  void aScimWriteWithNeitherExternalIdNorNameLinksNobody() {
    // An adopted user an admin made by hand, say, whose PATCH only suspends them.
    link.given().when(l -> l.scim(TENANT, USER, null, "pat", ScimName.NONE)).then();
    link.given()
        .when(l -> l.scim(TENANT, USER, null, "pat", PAT))
        .then(new DirectoryUserLinked(TENANT, USER, Source.SCIM, "pat", false, PAT));
  }

  @Test
  void aLinkedUserIsUnlinkedAsDeleted() {
    link.given(linked(Source.SCIM, "ext-1"))
        .when(l -> l.unlink(TENANT, USER, Source.SCIM))
        .then(new DirectoryUserUnlinked(TENANT, USER, Source.SCIM));
  }

  @Test
  void unlinkingAnUnlinkedUserRecordsNothing() {
    link.given().when(l -> l.unlink(TENANT, USER, Source.SCIM)).then();
    link.given(linked(Source.SCIM, "ext-1"), new DirectoryUserUnlinked(TENANT, USER, Source.SCIM))
        .when(l -> l.unlink(TENANT, USER, Source.SCIM))
        .then();
  }

  @Test
  void anUnlinkedUserIsLinkedAgain() {
    link.given(linked(Source.SCIM, "ext-1"), new DirectoryUserUnlinked(TENANT, USER, Source.SCIM))
        .when(l -> l.link(TENANT, USER, Source.SCIM, "ext-1"))
        .then(linked(Source.SCIM, "ext-1"));
  }

  @Test
  void aSyncOfANewUserLinksThenRecordsWhatItApplied() {
    link.given()
        .when(l -> l.synced(TENANT, APPLIED))
        .then(linked(Source.GOOGLE, "google-7"), syncedEvent());
  }

  @Test
  void aSyncOfALinkedUserOnlyRecordsWhatItApplied() {
    link.given(linked(Source.GOOGLE, "google-7"), syncedEvent())
        .when(l -> l.synced(TENANT, APPLIED))
        .then(syncedEvent());
  }

  @Test
  void aSyncRecordAloneLinksNobody() {
    // Only DirectoryUserLinked links: a sync record replayed without it leaves the user unlinked.
    assertNull(DirectoryLink.fold(List.of(syncedEvent())).externalId());
  }
}
