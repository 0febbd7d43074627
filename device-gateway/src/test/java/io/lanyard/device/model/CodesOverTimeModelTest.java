package io.lanyard.device.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lanyard.device.domain.CodeValidity;
import io.lanyard.device.domain.GuestWindow;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.LoginModel.CodeMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The login model's codes and guests over time: windows learnt from events, applied once, answered
 * at the instant a login is decided at, and part of the checksum replicas and rebuilds compare.
 */
class CodesOverTimeModelTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final long AT = NOW.toEpochMilli();
  static final long HOUR = 3_600_000;

  final LoginModel model = new LoginModel();
  final Key128 ada = Key128.of(UUID.randomUUID());
  final Key128 code = new Key128(7, 7);
  final Key128 card = new Key128(9, 9);

  TenantEntry acme() {
    return model.findTenant("acme").orElseThrow();
  }

  void adaWithCode(CodeValidity validity) {
    model.tenantCreated("acme", 1);
    model.userProfile(ada, "acme", "ada", "Ada", 1);
    model.codeChanged(ada, "acme", code, validity, 1);
  }

  @Test
  void aCodeLogsInUntilItsDeadlineAndAnswersExpiredFromThenOnWithoutAnyEvent() {
    adaWithCode(CodeValidity.of(null, NOW));
    assertInstanceOf(CodeMatch.Owner.class, model.userByCode(acme(), code, AT - 1));
    assertEquals(CodeMatch.Refused.CODE_EXPIRED, model.userByCode(acme(), code, AT));
  }

  @Test
  void anExpiredCodeOfASuspendedUserSaysExpiredUntilReplacedAndADeletedUsersIsNoOnes() {
    adaWithCode(CodeValidity.of(null, NOW));
    model.userSuspended(ada, "acme", 2);
    assertEquals(CodeMatch.Refused.CODE_EXPIRED, model.userByCode(acme(), code, AT + HOUR));

    model.codeChanged(ada, "acme", code, CodeValidity.ALWAYS, 2);
    assertEquals(
        CodeMatch.Refused.INVALID_CODE,
        model.userByCode(acme(), code, AT + HOUR),
        "a suspended user's valid code");

    model.codeChanged(ada, "acme", code, CodeValidity.of(null, NOW), 3);
    model.userDeleted(ada, "acme", 3);
    assertEquals(CodeMatch.Refused.INVALID_CODE, model.userByCode(acme(), code, AT + HOUR));
  }

  @Test
  void anExpiryChangeReplacesTheCurrentCodesWindowAndTheExpiredFactMarksOnlyTheCodeItNames() {
    adaWithCode(CodeValidity.of(null, NOW));
    model.codeExpiryChanged(ada, "acme", CodeValidity.ALWAYS, 2);
    assertInstanceOf(CodeMatch.Owner.class, model.userByCode(acme(), code, AT + HOUR), "cleared");

    model.codeExpired(ada, "acme", new Key128(8, 8), 3);
    assertInstanceOf(
        CodeMatch.Owner.class, model.userByCode(acme(), code, AT), "another code's fact");

    model.codeExpired(ada, "acme", code, 4);
    assertEquals(
        CodeMatch.Refused.CODE_EXPIRED,
        model.userByCode(acme(), code, AT - HOUR),
        "expired, though this clock is behind");

    model.codeExpiryChanged(ada, "acme", CodeValidity.of(null, NOW.plusSeconds(3600)), 5);
    assertInstanceOf(CodeMatch.Owner.class, model.userByCode(acme(), code, AT));
    assertEquals(CodeMatch.Refused.CODE_EXPIRED, model.userByCode(acme(), code, AT + HOUR));
  }

  @Test
  void aCodeBeforeItsWindowIsNoOnes() {
    adaWithCode(CodeValidity.of(NOW, null));
    assertEquals(CodeMatch.Refused.INVALID_CODE, model.userByCode(acme(), code, AT - 1));
    assertInstanceOf(CodeMatch.Owner.class, model.userByCode(acme(), code, AT));
  }

  @Test
  void aRedeliveredOrOlderEventChangesNothing() {
    adaWithCode(CodeValidity.of(null, NOW));
    model.codeExpired(ada, "acme", code, 2);
    long checksum = model.checksum();
    model.codeChanged(ada, "acme", code, CodeValidity.ALWAYS, 1);
    model.codeExpiryChanged(ada, "acme", CodeValidity.ALWAYS, 2);
    model.codeExpired(ada, "acme", code, 2);
    assertEquals(checksum, model.checksum());
    assertEquals(CodeMatch.Refused.CODE_EXPIRED, model.userByCode(acme(), code, AT - HOUR));
  }

  @Test
  void aGuestsCardAndCodeWorkOnlyInsideTheWindowAnUpdateMoves() {
    model.tenantCreated("acme", 1);
    GuestWindow day = GuestWindow.of(NOW, NOW.plusSeconds(86_400));
    model.userProfile(ada, "acme", "ada", "Ada", day, 1);
    model.codeChanged(ada, "acme", code, 1);
    model.cardRegistered(ada, "acme", new Key128(3, 3), card, 2);

    assertInstanceOf(CardMatch.Inactive.class, model.userByCard(acme(), card, AT - 1));
    assertEquals(CodeMatch.Refused.INVALID_CODE, model.userByCode(acme(), code, AT - 1));
    assertInstanceOf(CardMatch.Owner.class, model.userByCard(acme(), card, AT));
    assertInstanceOf(CodeMatch.Owner.class, model.userByCode(acme(), code, AT));
    long after = AT + 86_400_000;
    assertInstanceOf(CardMatch.Inactive.class, model.userByCard(acme(), card, after));
    assertEquals(CodeMatch.Refused.CODE_EXPIRED, model.userByCode(acme(), code, after));

    // An update without a window (a producer from before guests) leaves it.
    model.userProfile(ada, "acme", "ada", "Ada L.", 2);
    assertInstanceOf(CardMatch.Inactive.class, model.userByCard(acme(), card, after));
    model.userProfile(ada, "acme", "ada", "Ada L.", GuestWindow.of(NOW, null), 3);
    assertInstanceOf(CardMatch.Owner.class, model.userByCard(acme(), card, after));
    assertEquals(1, model.stats().guests());

    model.userDeleted(ada, "acme", 4);
    assertEquals(0, model.stats().guests(), "a deleted guest's window goes");
  }

  @Test
  void anUpdateNeverGivesAPersonAWindow() {
    model.tenantCreated("acme", 1);
    model.userProfile(ada, "acme", "ada", "Ada", 1);
    model.cardRegistered(ada, "acme", new Key128(3, 3), card, 1);
    model.userProfile(ada, "acme", "ada", "Ada", GuestWindow.of(NOW, NOW.plusSeconds(60)), 2);
    assertInstanceOf(CardMatch.Owner.class, model.userByCard(acme(), card, AT + HOUR));
    assertEquals(0, model.stats().guests());
  }

  @Test
  void theChecksumCoversEveryWindowAndMark() {
    Key128 bob = Key128.of(UUID.randomUUID());
    List<Consumer<LoginModel>> variants =
        List.of(
            m -> {},
            m -> m.codeExpiryChanged(ada, "acme", CodeValidity.of(null, NOW), 2),
            m -> m.codeExpiryChanged(ada, "acme", CodeValidity.of(NOW, null), 2),
            m -> m.codeExpired(ada, "acme", code, 2),
            m -> m.userProfile(bob, "acme", "bob", "Bob", GuestWindow.of(NOW, null), 2));
    Set<Long> checksums = new HashSet<>();
    for (Consumer<LoginModel> variant : variants) {
      LoginModel fresh = new LoginModel();
      fresh.tenantCreated("acme", 1);
      fresh.userProfile(ada, "acme", "ada", "Ada", 1);
      fresh.codeChanged(ada, "acme", code, 1);
      fresh.userProfile(bob, "acme", "bob", "Bob", GuestWindow.of(null, NOW), 1);
      variant.accept(fresh);
      checksums.add(fresh.checksum());
    }
    assertEquals(variants.size(), checksums.size(), "each state its own checksum");
  }

  /**
   * A guest's identity stream and credential stream are two partitions, read in any interleaving at
   * start-up or in a rebuild: every order ends in the same model.
   */
  @Test
  void aGuestsWindowAndCodeEndTheSameWhateverOrderTheStreamsAreReadIn() {
    Set<Long> checksums = new HashSet<>();
    Set<CodeMatch> answers = new HashSet<>();
    for (int identityAt = 0; identityAt <= 3; identityAt++) {
      LoginModel fresh = new LoginModel();
      fresh.tenantCreated("acme", 1);
      List<Runnable> credential =
          new ArrayList<>(
              List.of(
                  () -> fresh.codeChanged(ada, "acme", code, CodeValidity.of(NOW, null), 1),
                  () -> fresh.codeExpiryChanged(ada, "acme", CodeValidity.of(null, NOW), 2),
                  () -> fresh.codeExpired(ada, "acme", code, 3)));
      credential.add(
          identityAt,
          () -> {
            fresh.userProfile(ada, "acme", "ada", "Ada", GuestWindow.of(NOW, null), 1);
            fresh.userSuspended(ada, "acme", 2);
          });
      credential.forEach(Runnable::run);
      checksums.add(fresh.checksum());
      answers.add(fresh.userByCode(fresh.findTenant("acme").orElseThrow(), code, AT - HOUR));
    }
    assertEquals(1, checksums.size(), "the same model whatever the order");
    assertEquals(Set.of(CodeMatch.Refused.CODE_EXPIRED), answers);
  }
}
