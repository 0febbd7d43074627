package io.lanyard.testplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * The tests' service tokens are only as good as their likeness to Keycloak's: a service that may
 * call another in the tests but not in the local realm (or the reverse) passes here and is refused
 * with {@code ./lanyard up}.
 */
class ServiceClientsTest {

  private static final Path REALM =
      Path.of(System.getProperty("lanyard.root", ".."))
          .resolve("deploy/local/keycloak/lanyard-realm.json");

  @Test
  void everyServiceClientCarriesTheRealmsAudiences() throws Exception {
    Map<String, Set<String>> realm = realmAudiences();
    assertFalse(realm.isEmpty(), "the realm has no service clients");
    Map<String, Set<String>> tests = new TreeMap<>();
    realm
        .keySet()
        .forEach(client -> tests.put(client, new TreeSet<>(ServiceClients.audiencesOf(client))));
    assertEquals(realm, tests);
  }

  @Test
  void identityServiceMayCallCredentialServiceForItsImports() throws Exception {
    assertEquals(Set.of("credential-service"), realmAudiences().get("identity-service"));
    assertEquals(List.of("credential-service"), ServiceClients.audiencesOf("identity-service"));
  }

  /**
   * identity's {@code POST /internal/v1/data-keys} names these callers ({@code @InternalCallers}):
   * each must get a token for identity-service, here and in the realm, or it cannot open the
   * persons in identity's events.
   */
  @Test
  void everyCallerOfTheDataKeysMayCallIdentityService() throws Exception {
    Map<String, Set<String>> realm = realmAudiences();
    for (String caller :
        List.of(
            "notification-service",
            "directory-sync-service",
            "device-gateway",
            "credential-service")) {
      assertTrue(
          realm.getOrDefault(caller, Set.of()).contains("identity-service"),
          caller + " in the realm");
      assertTrue(
          ServiceClients.audiencesOf(caller).contains("identity-service"), caller + " in tests");
    }
    assertEquals(Set.of("identity-service"), realm.get("notification-service"));
    assertEquals(Set.of("credential-service", "identity-service"), realm.get("device-gateway"));
  }

  /** Each client with a service account, and the audiences its mappers add. */
  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> realmAudiences() throws Exception {
    Map<String, Object> realm = JsonUtil.parseJson(Files.readString(REALM));
    Map<String, Set<String>> audiences = new TreeMap<>();
    for (Object entry : (List<Object>) realm.get("clients")) {
      Map<String, Object> client = (Map<String, Object>) entry;
      if (!Boolean.TRUE.equals(client.get("serviceAccountsEnabled"))) {
        continue;
      }
      Set<String> audience = new TreeSet<>();
      for (Object m : (List<Object>) client.getOrDefault("protocolMappers", List.of())) {
        Map<String, Object> mapper = (Map<String, Object>) m;
        if ("oidc-audience-mapper".equals(mapper.get("protocolMapper"))) {
          Map<String, Object> config = (Map<String, Object>) mapper.get("config");
          audience.add((String) config.get("included.client.audience"));
        }
      }
      audiences.put((String) client.get("clientId"), audience);
    }
    return audiences;
  }
}
