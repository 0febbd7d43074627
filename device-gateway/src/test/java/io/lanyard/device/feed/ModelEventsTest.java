package io.lanyard.device.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventJson;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.credential.AccessCodeChangedV1;
import io.lanyard.contracts.credential.AccessCodeEmailRequestedV1;
import io.lanyard.contracts.credential.AccessCodeExpiredV1;
import io.lanyard.contracts.credential.AccessCodeExpiryChangedV1;
import io.lanyard.contracts.credential.CardRegisteredV1;
import io.lanyard.contracts.credential.CardRemovedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.CodeAlphabet;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.ConversionStep;
import io.lanyard.contracts.credential.CredentialPolicyChangedV1.Step;
import io.lanyard.contracts.credential.CredentialsRevokedV1;
import io.lanyard.contracts.device.DeviceRegisteredV1;
import io.lanyard.contracts.device.DeviceRevokedV1;
import io.lanyard.contracts.device.DeviceTokenRotatedV1;
import io.lanyard.contracts.identity.TenantCreatedV1;
import io.lanyard.contracts.identity.TenantSuspendedV1;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserReactivatedV1;
import io.lanyard.contracts.identity.UserSuspendedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.LoginModel.CodeMatch;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.device.model.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each event the login model needs, read as its public record, and what it changes. */
class ModelEventsTest {

  static final String TENANT = "acme";
  static final long NOW = System.currentTimeMillis();

  final LoginModel model = new LoginModel();
  final UUID ada = UUID.randomUUID();
  final String codeHash = keyedHash(1);
  final String cardHash = keyedHash(2);
  final UUID card = UUID.randomUUID();

  @Test
  void aUserOfAnActiveTenantIsFoundByCodeAndCardUntilRevoked() {
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(UserCreatedV1.TYPE, 1, user(UserCreatedV1.Origin.MANUAL));
    apply(AccessCodeChangedV1.TYPE, 1, code(AccessCodeChangedV1.Reason.ADMIN));
    apply(AccessCodeChangedV1.TYPE, 2, code(AccessCodeChangedV1.Reason.GENERATED));
    apply(CardRegisteredV1.TYPE, 3, card(cardHash));

    assertEquals("ada", byCode(Key128.ofKeyedHash(codeHash)).orElseThrow().username());
    assertInstanceOf(
        CardMatch.Owner.class, model.userByCard(acme(), Key128.ofKeyedHash(cardHash), NOW));
    assertTrue(model.hasCard(Key128.of(ada), Key128.of(card)));

    apply(
        UserUpdatedV1.TYPE,
        2,
        new UserUpdatedV1(
            ada, TENANT, "ada.l", "Ada L.", "ada@acme.example", null, null, null, null));
    assertEquals("Ada L.", model.user(Key128.of(ada)).orElseThrow().displayName());

    apply(UserSuspendedV1.TYPE, 3, new UserSuspendedV1(ada, TENANT, null));
    assertInstanceOf(
        CardMatch.Inactive.class, model.userByCard(acme(), Key128.ofKeyedHash(cardHash), NOW));

    apply(UserReactivatedV1.TYPE, 4, new UserReactivatedV1(ada, TENANT));
    assertTrue(byCode(Key128.ofKeyedHash(codeHash)).isPresent());

    apply(CardRemovedV1.TYPE, 4, new CardRemovedV1(ada, TENANT, card, "admin"));
    assertFalse(model.hasCard(Key128.of(ada), Key128.of(card)));

    apply(
        CredentialsRevokedV1.TYPE,
        5,
        new CredentialsRevokedV1(ada, TENANT, CredentialsRevokedV1.Reason.USER_DELETED));
    assertFalse(byCode(Key128.ofKeyedHash(codeHash)).isPresent());
    assertEquals(0, model.stats().codes());
  }

  @Test
  void aCodesWindowIsReadFromItsChangeItsExpiryChangeAndItsExpiredFact() {
    Instant deadline = Instant.ofEpochMilli(NOW).plusSeconds(60);
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(UserCreatedV1.TYPE, 1, user(UserCreatedV1.Origin.MANUAL));
    apply(
        AccessCodeChangedV1.TYPE,
        1,
        new AccessCodeChangedV1(
            ada,
            TENANT,
            codeHash,
            "k1:eA",
            AccessCodeChangedV1.Reason.ADMIN,
            false,
            "admin",
            null,
            deadline,
            AccessCodeChangedV1.Cause.ROTATION));
    Key128 code = Key128.ofKeyedHash(codeHash);
    assertTrue(byCode(code).isPresent());
    assertEquals(
        CodeMatch.Refused.CODE_EXPIRED,
        model.userByCode(acme(), code, deadline.toEpochMilli()),
        "no event needed once the deadline passes");

    apply(
        AccessCodeExpiryChangedV1.TYPE,
        2,
        new AccessCodeExpiryChangedV1(ada, TENANT, deadline, null, "admin"));
    assertEquals(CodeMatch.Refused.INVALID_CODE, model.userByCode(acme(), code, NOW), "not yet");
    assertTrue(
        model.userByCode(acme(), code, deadline.toEpochMilli() + 1) instanceof CodeMatch.Owner);

    apply(
        AccessCodeExpiredV1.TYPE,
        3,
        new AccessCodeExpiredV1(ada, TENANT, codeHash, Instant.ofEpochMilli(NOW)));
    assertEquals(
        CodeMatch.Refused.CODE_EXPIRED,
        model.userByCode(acme(), code, deadline.toEpochMilli() + 1));
  }

  @Test
  void aGuestsWindowIsReadFromTheirCreationAndUpdates() {
    Instant from = Instant.ofEpochMilli(NOW);
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(
        UserCreatedV1.TYPE,
        1,
        new UserCreatedV1(
            ada,
            TENANT,
            "guest",
            "Guest",
            "guest@acme.example",
            null,
            null,
            UserCreatedV1.Origin.MANUAL,
            null,
            UserCreatedV1.Kind.GUEST,
            from,
            from.plusSeconds(3600),
            null));
    apply(CardRegisteredV1.TYPE, 1, card(cardHash));
    Key128 guestCard = Key128.ofKeyedHash(cardHash);
    assertInstanceOf(CardMatch.Owner.class, model.userByCard(acme(), guestCard, NOW));
    assertInstanceOf(
        CardMatch.Inactive.class, model.userByCard(acme(), guestCard, NOW + 3_600_000));

    apply(
        UserUpdatedV1.TYPE,
        2,
        new UserUpdatedV1(
            ada,
            TENANT,
            "guest",
            "Guest",
            "guest@acme.example",
            null,
            null,
            from,
            from.plusSeconds(7200)));
    assertInstanceOf(CardMatch.Owner.class, model.userByCard(acme(), guestCard, NOW + 3_600_000));
    assertEquals(1, model.stats().guests());
  }

  @Test
  void aPersonHasNoWindowWhateverTheirCreationCarries() {
    Instant from = Instant.ofEpochMilli(NOW);
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(
        UserCreatedV1.TYPE,
        1,
        new UserCreatedV1(
            ada,
            TENANT,
            "ada",
            "Ada",
            "ada@acme.example",
            null,
            null,
            UserCreatedV1.Origin.MANUAL,
            null,
            UserCreatedV1.Kind.PERSON,
            from,
            from.plusSeconds(60),
            null));
    apply(CardRegisteredV1.TYPE, 1, card(cardHash));
    assertEquals(0, model.stats().guests());
    assertInstanceOf(
        CardMatch.Owner.class,
        model.userByCard(acme(), Key128.ofKeyedHash(cardHash), NOW + 3_600_000));
  }

  @Test
  void aTenantsCardConversionIsReadStepByStep() {
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(
        CredentialPolicyChangedV1.TYPE,
        1,
        policy(
            new ConversionStep(Step.STRIP_PREFIX, "X", null, null),
            new ConversionStep(Step.KEEP_LAST, null, 4, null),
            new ConversionStep(Step.PAD_LEADING_ZEROS, null, null, 6)));
    assertEquals("003456", acme().conversion().convert("X123456"));
  }

  @Test
  void aDeviceIsKnownByItsLatestTokenUntilRevoked() {
    UUID device = UUID.randomUUID();
    String first = "ab".repeat(32);
    String second = "cd".repeat(32);
    apply(TenantCreatedV1.TYPE, 1, new TenantCreatedV1(TENANT, "Acme"));
    apply(
        DeviceRegisteredV1.TYPE,
        1,
        new DeviceRegisteredV1(device, TENANT, "Lobby", null, first, "admin"));
    assertEquals(device.toString(), model.deviceByToken(Key128.ofHex(first)).orElseThrow().id());

    apply(DeviceTokenRotatedV1.TYPE, 2, new DeviceTokenRotatedV1(device, TENANT, second, "admin"));
    assertFalse(model.deviceByToken(Key128.ofHex(first)).isPresent());
    assertTrue(model.deviceByToken(Key128.ofHex(second)).isPresent());

    apply(DeviceRevokedV1.TYPE, 3, new DeviceRevokedV1(device, TENANT, "admin"));
    assertFalse(model.deviceByToken(Key128.ofHex(second)).isPresent());

    apply(TenantSuspendedV1.TYPE, 2, new TenantSuspendedV1(TENANT));
    assertFalse(model.tenantActive(TENANT));
  }

  @Test
  void dataThatIsNotWhatItsTypePromisesIsRefusedForTheDeadLetterTopic() {
    for (String json :
        List.of(
            "not json",
            "[]",
            "{\"tenantId\":\"acme\",\"username\":\"ada\",\"displayName\":\"Ada\"}",
            "{\"userId\":\"not-a-uuid\",\"tenantId\":\"acme\",\"username\":\"a\","
                + "\"displayName\":\"A\"}",
            "{\"userId\":\"" + ada + "\",\"tenantId\":\"acme\",\"displayName\":\"Ada\"}")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> ModelEvents.apply(model, event(UserCreatedV1.TYPE, 1, json)),
          json);
    }
    String unknownStep =
        "{\"tenantId\":\"acme\",\"codeLength\":6,\"codeAlphabet\":\"digits\",\"maxCards\":5,"
            + "\"cardConversion\":[{\"step\":\"shuffle\"}],\"changedBy\":\"t\"}";
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelEvents.apply(model, event(CredentialPolicyChangedV1.TYPE, 1, unknownStep)));
    // The rules refuse it (keep_last needs a count): not a reason to stop the feed at it.
    CredentialPolicyChangedV1 noCount =
        policy(new ConversionStep(Step.KEEP_LAST, null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ModelEvents.apply(
                model, event(CredentialPolicyChangedV1.TYPE, 1, EventJson.write(noCount))));
  }

  @Test
  void anEventTheModelDoesNotNeedIsPassedOverUnread() {
    long before = model.checksum();
    ModelEvents.apply(
        model,
        event(
            AccessCodeEmailRequestedV1.TYPE,
            1,
            EventJson.write(new AccessCodeEmailRequestedV1(ada, TENANT, Instant.now()))));
    ModelEvents.apply(model, event(EventType.of("identity", "SomethingNew", 1), 1, "not json"));
    assertEquals(before, model.checksum());
  }

  /** Whom the code logs in now, if anyone. */
  private Optional<UserEntry> byCode(Key128 hash) {
    return model.userByCode(acme(), hash, NOW) instanceof CodeMatch.Owner owner
        ? Optional.of(owner.user())
        : Optional.empty();
  }

  private TenantEntry acme() {
    return model.findTenant(TENANT).orElseThrow();
  }

  private UserCreatedV1 user(UserCreatedV1.Origin origin) {
    return new UserCreatedV1(
        ada,
        TENANT,
        "ada",
        "Ada Lovelace",
        "ada@acme.example",
        null,
        null,
        origin,
        null,
        null,
        null,
        null,
        null);
  }

  private AccessCodeChangedV1 code(AccessCodeChangedV1.Reason reason) {
    return new AccessCodeChangedV1(
        ada, TENANT, codeHash, "k1:eA", reason, false, "admin", null, null, null);
  }

  private CardRegisteredV1 card(String hash) {
    return new CardRegisteredV1(
        ada, TENANT, card, hash, "k1:eA", "••••56", null, CardRegisteredV1.Source.ADMIN, "admin");
  }

  private static CredentialPolicyChangedV1 policy(ConversionStep... steps) {
    return new CredentialPolicyChangedV1(
        TENANT, 6, CodeAlphabet.DIGITS, 5, List.of(steps), "admin", null, null);
  }

  private void apply(EventType type, long version, Object data) {
    ModelEvents.apply(model, event(type, version, EventJson.write(data)));
  }

  private static EventEnvelope event(EventType type, long version, String json) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "test",
        type,
        "subject",
        Instant.now(),
        TENANT,
        version,
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** A keyed hash as events carry it: key id, colon, base64url of 32 bytes. */
  private static String keyedHash(int seed) {
    byte[] digest = new byte[32];
    digest[0] = (byte) seed;
    digest[31] = (byte) (seed * 7);
    return "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
