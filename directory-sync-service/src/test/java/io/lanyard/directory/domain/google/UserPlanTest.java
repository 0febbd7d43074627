package io.lanyard.directory.domain.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.directory.domain.google.GoogleSettings.Source;
import io.lanyard.directory.domain.google.GoogleSettings.SyncMode;
import io.lanyard.directory.domain.google.UserPlan.Action;
import io.lanyard.directory.domain.google.UserPlan.FieldChange;
import org.junit.jupiter.api.Test;

class UserPlanTest {

  private static final GoogleSettings ALL =
      new GoogleSettings(
          "my_customer",
          null,
          "a@b.c",
          null,
          SyncMode.MANUAL,
          60,
          Source.ALL,
          null,
          true,
          true,
          true);
  private static final GoogleSettings NO_FIELDS =
      new GoogleSettings(
          "my_customer",
          null,
          "a@b.c",
          null,
          SyncMode.MANUAL,
          60,
          Source.ALL,
          null,
          true,
          false,
          false);

  private static DirectoryUser user(String email, boolean suspended, String code, String card) {
    return new DirectoryUser(
        "g1",
        email,
        "Ann",
        "/Staff",
        suspended,
        code,
        code == null ? null : "d-" + code,
        card,
        card == null ? null : "d-" + card);
  }

  private static SyncedUser applied(DirectoryUser user) {
    return new SyncedUser(
        user.googleId(),
        "u1",
        user.profileFingerprint(),
        user.suspended(),
        user.codeDigest(),
        user.cardDigest());
  }

  @Test
  void aNewUserIsCreatedWithTheDirectorysFields() {
    UserPlan plan = UserPlan.decide(user("ann@x", true, "ANN7K2", "04A1"), null, ALL);
    assertEquals(Action.CREATE, plan.action());
    assertEquals(FieldChange.SET, plan.code());
    assertEquals(FieldChange.SET, plan.card());
    assertTrue(plan.suspend());
    UserPlan bare = UserPlan.decide(user("ann@x", false, null, null), null, ALL);
    assertEquals(FieldChange.KEEP, bare.code(), "no code from Google: a generated one");
    assertNull(bare.suspend());
    assertEquals(
        FieldChange.KEEP,
        UserPlan.decide(user("ann@x", false, "ANN7K2", "04A1"), null, NO_FIELDS).code());
  }

  @Test
  void whatDidNotChangeInGoogleIsLeftAlone() {
    DirectoryUser ann = user("ann@x", false, "ANN7K2", "04A1");
    UserPlan plan = UserPlan.decide(ann, applied(ann), ALL);
    assertEquals(Action.UNCHANGED, plan.action());
    assertEquals("u1", plan.userId());
  }

  @Test
  void eachChangeIsItsOwn() {
    DirectoryUser before = user("ann@x", false, "ANN7K2", "04A1");
    UserPlan moved = UserPlan.decide(user("ann@y", false, "ANN7K2", "04A1"), applied(before), ALL);
    assertEquals(Action.UPDATE, moved.action());
    assertTrue(moved.profileChanged());
    assertEquals(FieldChange.KEEP, moved.code());

    UserPlan suspended =
        UserPlan.decide(user("ann@x", true, "ANN7K2", "04A1"), applied(before), ALL);
    assertTrue(suspended.suspend());
    assertFalse(suspended.profileChanged());

    UserPlan codeGone = UserPlan.decide(user("ann@x", false, null, "04A1"), applied(before), ALL);
    assertEquals(FieldChange.REMOVE, codeGone.code());
    assertEquals(FieldChange.KEEP, codeGone.card());

    UserPlan newCard =
        UserPlan.decide(user("ann@x", false, "ANN7K2", "04B2"), applied(before), ALL);
    assertEquals(FieldChange.SET, newCard.card());

    UserPlan fieldsOff =
        UserPlan.decide(user("ann@x", false, null, null), applied(before), NO_FIELDS);
    assertEquals(Action.UNCHANGED, fieldsOff.action(), "fields not synced are not compared");
  }
}
