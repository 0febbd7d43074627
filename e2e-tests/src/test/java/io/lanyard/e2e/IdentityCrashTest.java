package io.lanyard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * identity-service, which owns users, killed with SIGKILL in the middle of a burst of SCIM creates
 * sent as Entra ID sends them (four at a time). A create answered 2xx is a user everywhere; every
 * other create was answered 5xx (the client is not blamed) or not at all, and Entra's retry of it
 * (the same request again) creates the user once: no one is there twice.
 */
@ExtendWith({SystemExtension.class, Summary.class})
class IdentityCrashTest {

  private static final String PAPERCUT = "urn:ietf:params:scim:schemas:extension:papercut:2.0:User";
  private static final int USERS = 200;
  private static final int THREADS = 4;
  private static final int KILL_AFTER = 60;
  private static final String DOMAIN = "@idcrash.example";
  private static final Duration RESTART = Duration.ofMinutes(2);

  /** Entra retries a failed create later; here as soon as identity-service is back. */
  private static final Duration RETRYING = Duration.ofSeconds(60);

  private static LanyardSystem system;
  private static Tenant tenant;
  private static Tenant.ScimEndpoint scim;
  private static Device device;
  private static final CodeChanges.Codes codes = new CodeChanges.Codes();

  enum Outcome {
    CREATED,
    FAILED,
    NO_ANSWER
  }

  /** One user Entra provisions, and what the burst's create of them got. */
  record Provisioned(String userName, String externalId, String code, Outcome outcome) {}

  @BeforeAll
  static void provision(LanyardSystem lanyard) {
    system = lanyard;
    tenant = system.createTenant("idcrash");
    scim = tenant.issueScimToken();
    device = tenant.registerDevice("Identity crash MFD");
  }

  @Test
  void identityKilledDuringAScimBurstLeavesEveryCreateWholeOrRetryable() throws Exception {
    ServiceProcess identity = system.service(Service.IDENTITY);
    List<Provisioned> burst = new CopyOnWriteArrayList<>();
    List<String> blamed = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    long[] downAt = {0};
    long[] readyAt = {0};
    Thread killer =
        new Thread(
            () -> {
              identity.kill();
              downAt[0] = System.nanoTime();
              identity.restart(RESTART);
              readyAt[0] = System.nanoTime();
            },
            "identity-killer");
    ExecutorService entra = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      entra.submit(
          () -> {
            for (int i = next.getAndIncrement(); i < USERS; i = next.getAndIncrement()) {
              String name = "user" + i;
              String code = codes.next();
              Api.Answer answer;
              Outcome outcome;
              try {
                answer = create(name, code);
                outcome = answer.status() / 100 == 2 ? Outcome.CREATED : Outcome.FAILED;
                if (answer.status() < 500 && outcome != Outcome.CREATED) {
                  blamed.add(name + ": " + answer.status() + " " + answer.body());
                }
              } catch (UncheckedIOException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                  blamed.add(name + ": no answer within the client's timeout");
                }
                outcome = Outcome.NO_ANSWER;
              }
              burst.add(new Provisioned(name + DOMAIN, "entra-" + name, code, outcome));
              if (outcome == Outcome.CREATED && created.incrementAndGet() == KILL_AFTER) {
                killer.start();
              }
            }
          });
    }
    entra.shutdown();
    assertTrue(entra.awaitTermination(3, TimeUnit.MINUTES), "the burst did not end");
    killer.join(RESTART.toMillis());
    assertEquals(List.of(), blamed, "answers that blame the client, or none in time");

    int answeredCreated = 0;
    int retried = 0;
    List<Provisioned> everyone = new ArrayList<>();
    for (Provisioned user : burst) {
      if (user.outcome() == Outcome.CREATED) {
        answeredCreated++;
        everyone.add(user);
      } else {
        retried++;
        everyone.add(retry(user));
      }
    }
    for (Provisioned user : everyone) {
      assertEverywhereOnce(user);
    }
    assertEquals(USERS, scimTotal(null), "SCIM lists each user once");
    assertEquals(
        USERS,
        tenant
            .admin(Service.IDENTITY, "GET", "/admin/v1/users?size=1", null)
            .expect(200)
            .json()
            .get("total")
            .asInt(),
        "identity-service holds each user once");
    Summary.line(
        "identity-service killed (SIGKILL) after %d of %d SCIM creates (%d threads), back in %d ms: %d answered 201, %d answered 5xx or nothing and retried once, each user once everywhere"
            .formatted(
                KILL_AFTER,
                USERS,
                THREADS,
                TimeUnit.NANOSECONDS.toMillis(readyAt[0] - downAt[0]),
                answeredCreated,
                retried));
  }

  /**
   * Entra's retry of a create it got no 2xx for: the same request again, until identity-service is
   * back. It must create the user (201), once.
   */
  private static Provisioned retry(Provisioned user) {
    String name = user.userName().substring(0, user.userName().indexOf('@'));
    Api.Answer answer =
        Tenant.retryWhile(() -> create(name, user.code()), a -> a.status() >= 500, RETRYING);
    assertEquals(
        201,
        answer.status(),
        user.userName() + " retried after " + user.outcome() + ": " + answer.body());
    return new Provisioned(user.userName(), user.externalId(), user.code(), Outcome.CREATED);
  }

  /** SCIM, identity-service, credential-service and the printer all know the user, once. */
  private static void assertEverywhereOnce(Provisioned user) {
    JsonNode found =
        scim("GET", "/Users?filter=" + encode("userName eq \"" + user.userName() + "\""), null)
            .expect(200)
            .json();
    assertEquals(1, found.get("totalResults").asInt(), user.userName() + " in SCIM: " + found);
    String id = found.get("Resources").get(0).get("id").asText();
    assertEquals(1, scimTotal("externalId eq \"" + user.externalId() + "\""), user.externalId());
    scim("GET", "/Users/" + id, null).expect(200);
    JsonNode inIdentity =
        tenant.admin(Service.IDENTITY, "GET", "/admin/v1/users/" + id, null).expect(200).json();
    assertEquals(user.userName(), inIdentity.get("username").asText());
    tenant.admin(Service.CREDENTIAL, "GET", "/admin/v1/credentials/" + id, null).expect(200);
    Api.Answer login = device.awaitCodeLogin(user.code(), 200);
    assertEquals(200, login.status(), user.userName() + " at the printer: " + login.body());
    assertEquals(user.userName(), login.json().get("username").asText());
  }

  private static int scimTotal(String filter) {
    String query = filter == null ? "?count=1" : "?count=1&filter=" + encode(filter);
    return scim("GET", "/Users" + query, null).expect(200).json().get("totalResults").asInt();
  }

  /** A create as Entra shapes it, with the PaperCut extension's code. */
  private static Api.Answer create(String name, String code) {
    return scim(
        "POST",
        "/Users",
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "externalId":"entra-%1$s",
         "userName":"%1$s%2$s",
         "active":true,
         "displayName":"%1$s",
         "emails":[{"primary":true,"type":"work","value":"%1$s%2$s"}],
         "%3$s":{"accessCode":"%4$s"}}"""
            .formatted(name, DOMAIN, PAPERCUT, code));
  }

  private static Api.Answer scim(String method, String path, String body) {
    return Api.send(
        method, scim.tenantUrl() + path, scim.secretToken(), "application/scim+json", body);
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
