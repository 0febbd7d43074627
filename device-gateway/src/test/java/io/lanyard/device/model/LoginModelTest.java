package io.lanyard.device.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The login model's bookkeeping: versions, codes that move between users, order of topics. */
class LoginModelTest {

  final LoginModel model = new LoginModel();
  final Key128 ada = Key128.of(UUID.randomUUID());
  final Key128 bob = Key128.of(UUID.randomUUID());
  final Key128 shared = new Key128(1, 2);

  static final long NOW = System.currentTimeMillis();

  /** Whom the code logs in now, if anyone. */
  static java.util.Optional<UserEntry> byCode(LoginModel model, TenantEntry tenant, Key128 hash) {
    return model.userByCode(tenant, hash, NOW) instanceof LoginModel.CodeMatch.Owner owner
        ? java.util.Optional.of(owner.user())
        : java.util.Optional.empty();
  }

  TenantEntry acme() {
    return model.findTenant("acme").orElseThrow();
  }

  @Test
  void aRedeliveredOrOlderEventChangesNothing() {
    model.tenantCreated("acme", 1);
    model.userProfile(ada, "acme", "ada", "Ada", 1);
    model.codeChanged(ada, "acme", new Key128(7, 7), 1);
    model.codeChanged(ada, "acme", new Key128(8, 8), 2);
    long checksum = model.checksum();
    model.codeChanged(ada, "acme", new Key128(7, 7), 1);
    assertEquals(checksum, model.checksum());
    assertFalse(byCode(model, acme(), new Key128(7, 7)).isPresent());
    assertTrue(byCode(model, acme(), new Key128(8, 8)).isPresent());

    model.userDeleted(ada, "acme", 2);
    model.userProfile(ada, "acme", "ada", "Ada", 1);
    assertFalse(model.user(ada).isPresent(), "a replayed UserCreated does not resurrect");
  }

  /** What identity and credential-service say of Ada and Bob, up to Ada's erasure. */
  static void adaErasedBobKept(LoginModel model, Key128 ada, Key128 bob) {
    model.tenantCreated("acme", 1);
    model.userProfile(ada, "acme", "ada.lovelace", "Ada Lovelace", 1);
    model.userProfile(bob, "acme", "bob.kept", "Bob Kept", 1);
    model.codeChanged(ada, "acme", new Key128(7, 7), 1);
    model.codeChanged(bob, "acme", new Key128(8, 8), 1);
    model.userDeleted(ada, "acme", 2);
    model.credentialsRevoked(ada, "acme", 2);
    model.userErased(ada, "acme", 3);
  }

  @Test
  void anErasedUserKeepsNoNameAndNoLaterEventBringsItOrALoginBack() {
    adaErasedBobKept(model, ada, bob);
    UserEntry entry = model.entry(ada).orElseThrow();
    assertNull(entry.username());
    assertNull(entry.displayName());
    assertFalse(model.user(ada).isPresent());

    // A republished creation (newer than the stream's events so far), a reactivation, a new code:
    // no name, no login.
    model.userProfile(ada, "acme", "ada.lovelace", "Ada Lovelace", 4);
    model.userReactivated(ada, "acme", 5);
    model.codeChanged(ada, "acme", new Key128(9, 9), 3);
    assertNull(entry.username());
    assertNull(entry.displayName());
    assertFalse(model.user(ada).isPresent());
    assertFalse(byCode(model, acme(), new Key128(9, 9)).isPresent());
    assertFalse(byCode(model, acme(), new Key128(7, 7)).isPresent());

    UserEntry kept = byCode(model, acme(), new Key128(8, 8)).orElseThrow();
    assertEquals("bob.kept", kept.username());
    assertEquals("Bob Kept", kept.displayName());

    // A model rebuilt from the same events ends the same; erasure twice changes nothing.
    LoginModel rebuilt = new LoginModel();
    adaErasedBobKept(rebuilt, ada, bob);
    rebuilt.userErased(ada, "acme", 3);
    rebuilt.userProfile(ada, "acme", "ada.lovelace", "Ada Lovelace", 4);
    rebuilt.userReactivated(ada, "acme", 5);
    rebuilt.codeChanged(ada, "acme", new Key128(9, 9), 3);
    assertEquals(model.checksum(), rebuilt.checksum());
    assertNull(rebuilt.entry(ada).orElseThrow().displayName());
  }

  /** Ada of acme and Bob of globex, each with a code and a device; acme then erased. */
  static void acmeErasedGlobexKept(LoginModel model, Key128 ada, Key128 bob, Key128 printer) {
    model.tenantCreated("acme", 1);
    model.tenantCreated("globex", 1);
    model.userProfile(ada, "acme", "ada.lovelace", "Ada Lovelace", 1);
    model.userProfile(bob, "globex", "bob.kept", "Bob Kept", 1);
    model.codeChanged(ada, "acme", new Key128(7, 7), 1);
    model.codeChanged(bob, "globex", new Key128(8, 8), 1);
    model.deviceRegistered(printer, "acme", new Key128(5, 5), 1);
    model.tenantErased("acme");
  }

  @Test
  void anErasedTenantKeepsNoNameCodeOrDeviceAndItsNeighbourIsUntouched() {
    Key128 printer = Key128.of(UUID.randomUUID());
    acmeErasedGlobexKept(model, ada, bob, printer);
    assertTrue(model.erased("acme"));
    assertFalse(model.tenantActive("acme"));
    assertNull(model.entry(ada).orElseThrow().displayName());
    assertFalse(byCode(model, acme(), new Key128(7, 7)).isPresent());
    assertFalse(model.deviceByToken(new Key128(5, 5)).isPresent(), "its printers are refused");
    model.tenantCreated("acme", 9);
    assertFalse(model.tenantActive("acme"), "erasure is final");

    TenantEntry globex = model.findTenant("globex").orElseThrow();
    assertFalse(model.erased("globex"));
    assertEquals("Bob Kept", byCode(model, globex, new Key128(8, 8)).orElseThrow().displayName());

    LoginModel rebuilt = new LoginModel();
    acmeErasedGlobexKept(rebuilt, ada, bob, printer);
    rebuilt.tenantCreated("acme", 9);
    assertEquals(model.checksum(), rebuilt.checksum(), "a rebuild ends the same");

    // A rebuild that reads the identity topic first meets the erasure before the tenant's codes
    // and devices, and never learns them (ModelEvents passes an erased tenant's events over).
    LoginModel erasureFirst = new LoginModel();
    erasureFirst.tenantCreated("acme", 1);
    erasureFirst.tenantCreated("globex", 1);
    erasureFirst.userProfile(bob, "globex", "bob.kept", "Bob Kept", 1);
    erasureFirst.codeChanged(bob, "globex", new Key128(8, 8), 1);
    erasureFirst.tenantErased("acme");
    assertEquals(model.checksum(), erasureFirst.checksum(), "in whatever order the topics come");
  }

  @Test
  void aCodeFreedByOneUserAndTakenByAnotherBelongsToTheTakerInEitherOrder() {
    for (boolean revokeFirst : new boolean[] {true, false}) {
      LoginModel model = new LoginModel();
      model.tenantCreated("acme", 1);
      model.userProfile(ada, "acme", "ada", "Ada", 1);
      model.userProfile(bob, "acme", "bob", "Bob", 1);
      model.codeChanged(ada, "acme", shared, 1);
      if (revokeFirst) {
        model.credentialsRevoked(ada, "acme", 2);
        model.codeChanged(bob, "acme", shared, 1);
      } else {
        model.codeChanged(bob, "acme", shared, 1);
        model.credentialsRevoked(ada, "acme", 2);
      }
      TenantEntry acme = model.findTenant("acme").orElseThrow();
      assertEquals(bob, byCode(model, acme, shared).orElseThrow(), "revoke first: " + revokeFirst);
    }
  }

  /**
   * Ada's code and card go to Bob after Ada's credentials are revoked: two streams, two partitions,
   * so a replica catching up may read Bob's before Ada's first ones. Every interleaving that keeps
   * each stream's order ends with Bob holding both, and with the same checksum.
   */
  @Test
  void aCodeAndCardPassedOnEndWithTheirNewOwnerWhateverOrderTheStreamsAreReadIn() {
    Key128 card = new Key128(5, 5);
    java.util.Set<Long> checksums = new java.util.HashSet<>();
    for (int bobAt = 0; bobAt <= 2; bobAt++) {
      LoginModel model = new LoginModel();
      model.tenantCreated("acme", 1);
      model.userProfile(ada, "acme", "ada", "Ada", 1);
      model.userProfile(bob, "acme", "bob", "Bob", 1);
      java.util.List<Runnable> events =
          new java.util.ArrayList<>(
              java.util.List.of(
                  () -> {
                    model.codeChanged(ada, "acme", shared, 1);
                    model.cardRegistered(ada, "acme", new Key128(6, 6), card, 2);
                  },
                  () -> model.credentialsRevoked(ada, "acme", 3)));
      events.add(
          bobAt,
          () -> {
            model.codeChanged(bob, "acme", shared, 1);
            model.cardRegistered(bob, "acme", new Key128(7, 7), card, 2);
          });
      events.forEach(Runnable::run);

      TenantEntry acme = model.findTenant("acme").orElseThrow();
      assertEquals(bob, byCode(model, acme, shared).orElseThrow(), "Bob read at " + bobAt);
      LoginModel.CardMatch match = model.userByCard(acme, card, NOW);
      assertInstanceOf(LoginModel.CardMatch.Owner.class, match, "Bob read at " + bobAt);
      assertEquals(bob, ((LoginModel.CardMatch.Owner) match).user());
      checksums.add(model.checksum());
    }
    assertEquals(1, checksums.size(), "the same model whatever the order");
  }

  @Test
  void credentialsMayArriveBeforeTheUserAndCountOnlyOnceTheUserIsKnown() {
    model.tenantCreated("acme", 1);
    model.codeChanged(ada, "acme", shared, 1);
    model.cardRegistered(ada, "acme", new Key128(3, 3), new Key128(4, 4), 2);
    assertFalse(byCode(model, acme(), shared).isPresent());
    assertInstanceOf(
        LoginModel.CardMatch.NotRegistered.class, model.userByCard(acme(), new Key128(4, 4), NOW));

    model.userProfile(ada, "acme", "ada", "Ada Lovelace", 1);
    UserEntry user = byCode(model, acme(), shared).orElseThrow();
    assertEquals("ada", user.username());
    assertEquals("Ada Lovelace", user.displayName());
    assertInstanceOf(
        LoginModel.CardMatch.Owner.class, model.userByCard(acme(), new Key128(4, 4), NOW));
    assertTrue(model.hasCard(ada, new Key128(3, 3)));
  }

  @Test
  void namesSurviveAnyCharacters() {
    model.tenantCreated("acme", 1);
    model.userProfile(ada, "acme", "zoë.müller@acme.example", "Zoë Müller 🖨", 1);
    model.codeChanged(ada, "acme", shared, 1);
    UserEntry user = byCode(model, acme(), shared).orElseThrow();
    assertEquals("zoë.müller@acme.example", user.username());
    assertEquals("Zoë Müller 🖨", user.displayName());
  }

  @Test
  void aRotatedTokenReplacesTheOldOneAndARevokedDeviceHasNone() {
    Key128 device = Key128.of(UUID.randomUUID());
    model.tenantCreated("acme", 1);
    model.deviceRegistered(device, "acme", new Key128(10, 10), 1);
    assertTrue(model.deviceByToken(new Key128(10, 10)).isPresent());
    model.deviceTokenRotated(device, "acme", new Key128(11, 11), 2);
    assertFalse(model.deviceByToken(new Key128(10, 10)).isPresent());
    assertTrue(model.deviceByToken(new Key128(11, 11)).isPresent());
    model.deviceRevoked(device, "acme", 3);
    assertFalse(model.deviceByToken(new Key128(11, 11)).isPresent());
    model.deviceRegistered(device, "acme", new Key128(10, 10), 1);
    assertFalse(model.deviceByToken(new Key128(10, 10)).isPresent(), "replay after revocation");
  }

  @Test
  void aSuspendedTenantsDevicesAreRefused() {
    Key128 device = Key128.of(UUID.randomUUID());
    model.tenantCreated("acme", 1);
    model.deviceRegistered(device, "acme", new Key128(10, 10), 1);
    model.tenantSuspended("acme", 2);
    assertFalse(model.deviceByToken(new Key128(10, 10)).isPresent());
  }
}
