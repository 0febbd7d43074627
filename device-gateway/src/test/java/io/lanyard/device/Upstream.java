package io.lanyard.device;

import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.testplatform.TestTopics;
import io.lanyard.testsupport.FakeDataKeys;
import io.lanyard.testsupport.TestEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What identity-service and credential-service would publish, sent to this run's real topics with
 * real keyed hashes, each stream's versions counted as theirs would be.
 */
final class Upstream implements AutoCloseable {

  private final SecretHasher hasher;
  private final KafkaProducer<String, byte[]> producer = TestTopics.producer();
  private final Map<String, AtomicLong> versions = new HashMap<>();

  Upstream(SecretHasher hasher) {
    this.hasher = hasher;
  }

  static String topic(String domain) {
    return ConfigProvider.getConfig().getValue("lanyard.topics." + domain, String.class);
  }

  void tenant(String tenant) {
    identity(
        IdentityEvents.TENANT_CREATED,
        "tenant:" + tenant,
        tenant,
        "{\"tenantId\":\"%s\",\"name\":\"%s\"}".formatted(tenant, tenant));
  }

  String user(String tenant, String username, String displayName) {
    String id = UUID.randomUUID().toString();
    identity(
        IdentityEvents.USER_CREATED,
        id,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@%s.example\",\"origin\":\"manual\"}"
            .formatted(id, tenant, username, displayName, username, tenant));
    return id;
  }

  /** A user as identity now publishes one: {@code UserCreated.v2}, the person sealed (ADR 7). */
  String sealedUser(String tenant, String username, String displayName) {
    String id = UUID.randomUUID().toString();
    sealedUser(tenant, id, username, displayName);
    return id;
  }

  void sealedUser(String tenant, String id, String username, String displayName) {
    identity(
        IdentityEvents.USER_CREATED_V2,
        id,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"personal\":\"%s\",\"origin\":\"manual\"}"
            .formatted(id, tenant, sealed(tenant, id, username, displayName)));
  }

  /** {@code UserUpdated.v2}: the person sealed under the user's key. */
  void sealedUpdate(String tenant, String id, String username, String displayName) {
    identity(
        IdentityEvents.USER_UPDATED_V2,
        id,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"personal\":\"%s\"}"
            .formatted(id, tenant, sealed(tenant, id, username, displayName)));
  }

  private static String sealed(String tenant, String id, String username, String displayName) {
    return FakeDataKeys.seal(
        tenant,
        id,
        new UserPersonal(username, displayName, username + "@" + tenant + ".example", null));
  }

  /**
   * The user's {@code UserCreated} once more, newer than their stream's events so far: as a
   * republication that a replay meets again after the user's erasure.
   */
  void userAgain(String tenant, String id, String username, String displayName) {
    identity(
        IdentityEvents.USER_CREATED,
        id,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@%s.example\",\"origin\":\"manual\"}"
            .formatted(id, tenant, username, displayName, username, tenant));
  }

  /** identity-service destroyed the deleted user's data key (ADR 7). */
  void userErased(String tenant, String userId) {
    identity(
        IdentityEvents.USER_ERASED,
        userId,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"erasedBy\":\"%s-admin\"}"
            .formatted(userId, tenant, tenant));
  }

  /** A guest with their window, as identity-service creates one. */
  String guest(String tenant, String username, Instant validFrom, Instant validUntil) {
    String id = UUID.randomUUID().toString();
    identity(
        IdentityEvents.USER_CREATED,
        id,
        tenant,
        ("{\"userId\":\"%s\",\"tenantId\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\","
                + "\"email\":\"%s@%s.example\",\"origin\":\"manual\",\"kind\":\"guest\","
                + "\"validFrom\":\"%s\",\"validUntil\":\"%s\"}")
            .formatted(id, tenant, username, username, username, tenant, validFrom, validUntil));
    return id;
  }

  /** A guest's profile with their window after an admin's change. */
  void guestWindow(
      String tenant, String userId, String username, Instant validFrom, Instant validUntil) {
    identity(
        IdentityEvents.USER_UPDATED,
        userId,
        tenant,
        ("{\"userId\":\"%s\",\"tenantId\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\","
                + "\"email\":\"%s@%s.example\",\"validFrom\":\"%s\",\"validUntil\":\"%s\"}")
            .formatted(
                userId, tenant, username, username, username, tenant, validFrom, validUntil));
  }

  void userEvent(EventType type, String tenant, String userId) {
    identity(
        type, userId, tenant, "{\"userId\":\"%s\",\"tenantId\":\"%s\"}".formatted(userId, tenant));
  }

  void code(String tenant, String userId, String code) {
    code(tenant, userId, code, null, null);
  }

  /** A new code with its window ({@code null}: that end is open). */
  void code(String tenant, String userId, String code, Instant validFrom, Instant expiresAt) {
    credential(
        CredentialEvents.ACCESS_CODE_CHANGED,
        userId,
        tenant,
        ("{\"userId\":\"%s\",\"tenantId\":\"%s\",\"codeHash\":\"%s\",\"codeCiphertext\":\"k:x\","
                + "\"reason\":\"admin\",\"notifyUser\":false,\"changedBy\":\"test\"%s}")
            .formatted(userId, tenant, codeHash(tenant, code), window(validFrom, expiresAt)));
  }

  /** The current code's window changed, the code did not. */
  void codeExpiry(String tenant, String userId, Instant validFrom, Instant expiresAt) {
    credential(
        CredentialEvents.ACCESS_CODE_EXPIRY_CHANGED,
        userId,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"changedBy\":\"test\"%s}"
            .formatted(userId, tenant, window(validFrom, expiresAt)));
  }

  /** credential-service's scheduler saw the code's deadline pass. */
  void codeExpired(String tenant, String userId, String code) {
    credential(
        CredentialEvents.ACCESS_CODE_EXPIRED,
        userId,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"codeHash\":\"%s\",\"expiredAt\":\"%s\"}"
            .formatted(userId, tenant, codeHash(tenant, code), Instant.now()));
  }

  private String codeHash(String tenant, String code) {
    return hasher.hash(tenant, SecretPurposes.ACCESS_CODE, AccessCodes.normalise(code));
  }

  private static String window(Instant validFrom, Instant expiresAt) {
    return (validFrom == null ? "" : ",\"validFrom\":\"%s\"".formatted(validFrom))
        + (expiresAt == null ? "" : ",\"expiresAt\":\"%s\"".formatted(expiresAt));
  }

  String card(String tenant, String userId, String number) {
    String cardId = UUID.randomUUID().toString();
    card(tenant, userId, cardId, number);
    return cardId;
  }

  void card(String tenant, String userId, String cardId, String number) {
    String hash = hasher.hash(tenant, SecretPurposes.CARD_NUMBER, CardNumbers.canonical(number));
    credential(
        CredentialEvents.CARD_REGISTERED,
        userId,
        tenant,
        ("{\"userId\":\"%s\",\"tenantId\":\"%s\",\"cardId\":\"%s\",\"cardHash\":\"%s\","
                + "\"cardCiphertext\":\"k:x\",\"maskedNumber\":\"••••\",\"label\":null,"
                + "\"source\":\"admin\",\"registeredBy\":\"test\"}")
            .formatted(userId, tenant, cardId, hash));
  }

  void cardRemoved(String tenant, String userId, String cardId) {
    credential(
        CredentialEvents.CARD_REMOVED,
        userId,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"cardId\":\"%s\",\"removedBy\":\"test\"}"
            .formatted(userId, tenant, cardId));
  }

  void credentialsRevoked(String tenant, String userId) {
    credential(
        CredentialEvents.CREDENTIALS_REVOKED,
        userId,
        tenant,
        "{\"userId\":\"%s\",\"tenantId\":\"%s\",\"reason\":\"user_deleted\"}"
            .formatted(userId, tenant));
  }

  void cardConversion(String tenant, String stepsJson) {
    credential(
        CredentialEvents.CREDENTIAL_POLICY_CHANGED,
        "policy:" + tenant,
        tenant,
        ("{\"tenantId\":\"%s\",\"codeLength\":6,\"codeAlphabet\":\"alphanumeric\",\"maxCards\":5,"
                + "\"cardConversion\":%s,\"changedBy\":\"test\"}")
            .formatted(tenant, stepsJson));
  }

  private void identity(EventType type, String subject, String tenant, String json) {
    send("identity", "identity-service", type, subject, tenant, json);
  }

  private void credential(EventType type, String subject, String tenant, String json) {
    send("credential", "credential-service", type, subject, tenant, json);
  }

  private void send(
      String domain, String source, EventType type, String subject, String tenant, String json) {
    long version =
        versions.computeIfAbsent(source + "/" + subject, k -> new AtomicLong()).incrementAndGet();
    try {
      producer
          .send(TestEvents.record(topic(domain), source, type, subject, tenant, version, json))
          .get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not publish " + type, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
