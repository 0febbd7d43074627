package io.lanyard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.e2e.CodeChanges.User;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Mailbox;
import io.lanyard.systemtest.harness.Projections;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import io.lanyard.testplatform.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * credential-service as Kubernetes runs it, twice on one database and one set of topics, an admin's
 * client spreading code changes over both. The replica holding the outbox relay's lock is killed
 * (SIGKILL) during a steady stream of changes, and later the one whose consumer holds the identity
 * topic while users are being created: the other takes over within seconds, every change that got a
 * 2xx reaches the printer in order, and nothing is applied twice.
 */
@ExtendWith({SystemExtension.class, Summary.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialReplicasTest {

  /** Odd, so that round robin over users and over two replicas sends each user to both. */
  private static final int USERS = 25;

  private static final int NEW_USERS = 40;
  private static final String DOMAIN = "@cred-replicas.example";
  private static final String RELAY_LOCK = "outbox-relay:credential-service";
  private static final String PROJECTION = "credential-service.identity";
  private static final String CONSUMER_LOCK = "consumer:" + PROJECTION;
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  private static final Duration RESTART = Duration.ofMinutes(2);

  private static LanyardSystem system;
  private static Tenant tenant;
  private static ServiceProcess first;
  private static ServiceProcess second;
  private static DevicePool devices;
  private static final List<User> users = new ArrayList<>();
  private static final CodeChanges.Codes codes = new CodeChanges.Codes();

  @BeforeAll
  static void twoReplicas(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("cred-replicas");
    Tenant.ScimEndpoint scim = tenant.issueScimToken();
    users.addAll(CodeChanges.createUsers(scim, 0, USERS, DOMAIN, codes, User::new));
    devices = new DevicePool(tenant, 5);
    first = system.service(Service.CREDENTIAL);
    second = system.startReplica(Service.CREDENTIAL);
    Quiet.await(system);
  }

  @AfterAll
  static void oneReplicaAgain() {
    if (system != null) {
      system.backToOneReplica(Service.CREDENTIAL, RESTART);
    }
  }

  @Test
  @Order(1)
  void theRelayHoldersDeathIsTakenOverWithinSecondsAndEveryChangeReachesThePrinterInOrder() {
    ServiceProcess publisher = holder(RELAY_LOCK);
    ServiceProcess standby = other(publisher);
    long lockMillis;
    long publishMillis;
    int appliedBeforeRestart;
    ReplicaChangeStream stream =
        new ReplicaChangeStream(tenant, List.of(first, second), users, codes);
    try (stream) {
      stream.awaitApplied(100);
      try (FirstRecordAfter published = FirstRecordAfter.watch(system.topic("credential"))) {
        long killed = System.nanoTime();
        long killedAtMillis = System.currentTimeMillis();
        publisher.kill();
        lockMillis = awaitHolder(RELAY_LOCK, standby, killed);
        publishMillis = published.await(killedAtMillis, TAKEOVER.plusSeconds(20)) - killedAtMillis;
      }
      assertTrue(lockMillis <= TAKEOVER.toMillis(), "relay lock taken after " + lockMillis + " ms");
      assertTrue(
          publishMillis <= TAKEOVER.toMillis(), "first publication after " + publishMillis + " ms");
      appliedBeforeRestart = stream.applied();
      publisher.restart(RESTART);
      // The restarted replica takes its share of the changes again, and the lock stays put.
      stream.awaitAppliedBy(publisher, 25);
      assertEquals(Optional.of(standby), system.lockHolder(Service.CREDENTIAL, RELAY_LOCK));
    }
    Quiet.await(system);
    int checked = verifyEachUsersLastChangeWorksAndThePreviousDoesNot();
    int duplicates = verifyTheTopicHoldsEveryStreamInOrder();
    Summary.changesChecked(stream.applied());
    Summary.line(
        ("credential-service x2, the relay's holder killed (SIGKILL) after %d of %d changes (%d"
                + " answered by each replica at least), restarted: lock taken over in %d ms, first"
                + " event published in %d ms; every user's last 2xx'd code works, the previous"
                + " one not (%d users), every stream on the topic in order (%d repeats)")
            .formatted(
                100,
                stream.applied(),
                Math.min(stream.appliedBy(first), stream.appliedBy(second)),
                lockMillis,
                publishMillis,
                checked,
                duplicates));
    System.out.printf(
        "credential relay takeover: lock %d ms, first publication %d ms (applied before restart"
            + " %d)%n",
        lockMillis, publishMillis, appliedBeforeRestart);
  }

  @Test
  @Order(2)
  void theConsumerHoldersDeathIsTakenOverAndNoIdentityEventIsAppliedTwice() {
    ServiceProcess consumer = holder(CONSUMER_LOCK);
    ServiceProcess survivor = other(consumer);
    List<User> created = new ArrayList<>();
    long killed = 0;
    long activeMillis = -1;
    long knownMillis = -1;
    for (int i = 0; i < NEW_USERS; i++) {
      if (i == 10) {
        killed = System.nanoTime();
        consumer.kill();
      }
      String email = "new" + i + DOMAIN;
      String id =
          tenant
              .admin(
                  Service.IDENTITY,
                  "POST",
                  "/admin/v1/users",
                  "{\"username\":\"%s\",\"displayName\":\"New %d\",\"email\":\"%s\"}"
                      .formatted(email, i, email))
              .expect(201)
              .json()
              .get("id")
              .asText();
      created.add(new User(id, email, null));
      if (i == 10) {
        long start = killed;
        activeMillis =
            awaitMillis(start, () -> active(survivor), "the survivor's consumer takes over");
        knownMillis =
            awaitMillis(
                start,
                () -> call(survivor, "GET", "/admin/v1/credentials/" + id).status() == 200,
                "the first user created after the kill known to credential-service");
      }
    }
    assertTrue(activeMillis <= TAKEOVER.toMillis(), "consumer active after " + activeMillis);
    assertTrue(knownMillis <= TAKEOVER.toMillis(), "first new user known after " + knownMillis);
    assertEquals(Optional.of(survivor), system.lockHolder(Service.CREDENTIAL, CONSUMER_LOCK));

    Quiet.await(system);
    Mailbox mailbox = system.mailbox();
    for (User user : created) {
      JsonNode history = admin(survivor, "GET", "/admin/v1/credentials/" + user.id + "/history");
      List<String> codeChanges = new ArrayList<>();
      for (JsonNode entry : history.get("items")) {
        codeChanges.add(entry.path("event").asText() + "/" + entry.path("reason").asText());
      }
      assertEquals(List.of("access_code_changed/initial"), codeChanges, user.email);
      List<Mailbox.Mail> mails = mailbox.await(user.email, 1, Duration.ofSeconds(30));
      assertEquals(1, mailbox.to(user.email).size(), user.email + ": " + mails);
      String code = mails.get(0).code().orElseThrow();
      Api.Answer login = devices.next().loginByCode(code);
      assertEquals(200, login.status(), user.email + ": " + login.body());
    }
    long known =
        system.queryNumber(
            Service.CREDENTIAL,
            "SELECT count(*) FROM known_users WHERE tenant_id = '" + tenant.id() + "'");
    assertEquals(USERS + NEW_USERS, known);
    JsonNode rebuild = rebuild(survivor);
    assertEquals("DONE", rebuild.get("state").asText(), rebuild.toString());
    assertEquals(rebuild.get("liveChecksum"), rebuild.get("rebuiltChecksum"), rebuild.toString());

    consumer.restart(RESTART);
    assertEquals(Optional.of(survivor), system.lockHolder(Service.CREDENTIAL, CONSUMER_LOCK));
    Summary.emailsChecked(NEW_USERS);
    Summary.line(
        ("credential-service x2, the identity consumer's holder killed (SIGKILL) after 10 of %d"
                + " users created, restarted: the other consuming in %d ms, the next user known in"
                + " %d ms; each user one first code and one invitation, the projection's checksum"
                + " a rebuild's")
            .formatted(NEW_USERS, activeMillis, knownMillis));
    System.out.printf(
        "credential consumer takeover: active %d ms, next user known %d ms%n",
        activeMillis, knownMillis);
  }

  /**
   * After the stream: each user's code at the printer is their last 2xx'd change (or a later one
   * without answer), and the change before it no longer works: no older code came back.
   */
  private static int verifyEachUsersLastChangeWorksAndThePreviousDoesNot() {
    int checked = 0;
    for (User user : users) {
      Device device = devices.next();
      List<String> candidates = user.candidates();
      String working = null;
      for (String candidate : candidates) {
        Api.Answer login = device.loginByCode(candidate);
        if (login.status() == 200) {
          assertEquals(user.email, login.json().get("username").asText());
          assertTrue(working == null, user.email + ": two codes work: " + candidate);
          working = candidate;
        }
      }
      assertTrue(working != null, user.email + ": none of " + candidates + " works");
      Optional<String> previous = user.appliedBefore(working);
      if (previous.isPresent()) {
        assertEquals(
            401, device.loginByCode(previous.get()).status(), user.email + ": an older code works");
        checked++;
      }
    }
    return checked;
  }

  /**
   * Every user's stream on the credential topic: each version first appears right after the one
   * before it (a republished older event may follow, never a newer one early), up to the stream's
   * last; answers how many records repeated an earlier one.
   */
  private static int verifyTheTopicHoldsEveryStreamInOrder() {
    Map<String, Long> highest = new HashMap<>();
    int repeats = 0;
    for (ConsumerRecord<String, byte[]> record : TestTopics.readToEnd(system.topic("credential"))) {
      if (!tenant.id().equals(header(record, "ce_tenantid"))) {
        continue;
      }
      long version = Long.parseLong(header(record, "ce_streamversion"));
      long before = highest.getOrDefault(record.key(), 0L);
      if (version <= before) {
        repeats++;
        continue;
      }
      assertEquals(before + 1, version, record.key() + ": version " + version + " came early");
      highest.put(record.key(), version);
    }
    for (User user : users) {
      JsonNode history = admin(first, "GET", "/admin/v1/credentials/" + user.id + "/history");
      assertEquals(
          history.get("items").size(),
          highest.getOrDefault(user.id, 0L),
          user.email + ": events missing on the topic");
    }
    return repeats;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode rebuild(ServiceProcess replica) {
    Projections projections = new Projections(system);
    projections.askRebuild(replica, PROJECTION);
    return projections.awaitRebuildFinished(
        replica, PROJECTION, Duration.ofMinutes(1), Duration.ofMillis(200));
  }

  private static boolean active(ServiceProcess replica) {
    Api.Answer answer =
        Api.send(
            "GET",
            replica.url("/ops/v1/projections/" + PROJECTION),
            system.oidc().operator(),
            null,
            null);
    return answer.status() == 200 && answer.json().get("active").asBoolean();
  }

  private static ServiceProcess holder(String lock) {
    return await("someone holds " + lock)
        .atMost(TAKEOVER)
        .until(() -> system.lockHolder(Service.CREDENTIAL, lock), Optional::isPresent)
        .orElseThrow();
  }

  private static ServiceProcess other(ServiceProcess replica) {
    ServiceProcess other = replica == first ? second : first;
    assertNotEquals(replica, other);
    return other;
  }

  /** Milliseconds from {@code since} until {@code replica} holds {@code lock}. */
  private static long awaitHolder(String lock, ServiceProcess replica, long since) {
    return awaitMillis(
        since,
        () -> system.lockHolder(Service.CREDENTIAL, lock).equals(Optional.of(replica)),
        replica.module() + " takes " + lock);
  }

  private static long awaitMillis(
      long since, java.util.concurrent.Callable<Boolean> condition, String what) {
    await(what)
        .atMost(TAKEOVER.plusSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(condition);
    return Duration.ofNanos(System.nanoTime() - since).toMillis();
  }

  private static JsonNode admin(ServiceProcess replica, String method, String path) {
    return call(replica, method, path).expect(200).json();
  }

  private static Api.Answer call(ServiceProcess replica, String method, String path) {
    return Api.send(method, replica.url(path), tenant.adminToken(), "application/json", null);
  }

  /** Registered printers of the tenant, used in turn so no one meets the failure limits. */
  static final class DevicePool {
    private final List<Device> devices = new ArrayList<>();
    private int next;

    DevicePool(Tenant tenant, int size) {
      for (int i = 0; i < size; i++) {
        devices.add(tenant.registerDevice("Replica MFD " + i));
      }
    }

    Device next() {
      return devices.get(next++ % devices.size());
    }
  }
}
