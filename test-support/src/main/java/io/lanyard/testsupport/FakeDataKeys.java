package io.lanyard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.lanyard.contracts.identity.UserPersonal;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.secrets.DataKey;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * identity-service's key API (ADR 7) as {@link FakeServices} answers it: a test seals a person's
 * data for an event it publishes in identity's place ({@link #seal}), which registers the user's
 * key; the module's consumers then fetch it as they would from identity. A user asked for that no
 * test registered gets a key too: identity makes one with every user, and a module's fake identity
 * creates users under ids of its own. A test erases a user ({@link #erase}) or takes the API away
 * ({@link #answering}) to see what the module does.
 */
public final class FakeDataKeys {

  static final String PATH = "/internal/v1/data-keys";
  static final String TENANT_KEYS_PATH = "/internal/v1/tenant-keys";
  static final String TRANSFORMER = "lanyard-data-keys";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Owned> KEYS = new ConcurrentHashMap<>();
  private static final Set<String> ERASED = ConcurrentHashMap.newKeySet();
  private static final Map<String, DataKey> TENANT_KEYS = new ConcurrentHashMap<>();
  private static final Set<String> ERASED_TENANTS = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static volatile boolean answering = true;

  private record Owned(String tenantId, DataKey key) {}

  private FakeDataKeys() {}

  /** The user's key, made on first use. */
  public static DataKey keyOf(String tenantId, String userId) {
    return KEYS.computeIfAbsent(userId, id -> new Owned(tenantId, DataKey.generate())).key();
  }

  /** The person's data sealed as identity-service seals it in {@code UserCreated.v2}. */
  public static String seal(String tenantId, String userId, UserPersonal person) {
    return PersonalKeys.of(Map.of(userId, keyOf(tenantId, userId))).seal(tenantId, userId, person);
  }

  /** The tenant's own key, made on first use (identity makes one with every tenant). */
  public static DataKey tenantKeyOf(String tenantId) {
    return TENANT_KEYS.computeIfAbsent(tenantId, id -> DataKey.generate());
  }

  /** The tenant's key is destroyed: the API answers it as erased from now on. */
  public static void eraseTenant(String tenantId) {
    ERASED_TENANTS.add(tenantId);
  }

  /** The user's key is destroyed: the API answers them as erased from now on. */
  public static void erase(String userId) {
    ERASED.add(userId);
  }

  /** Whether the API answers (false: 503, as identity-service away). */
  public static void answering(boolean answers) {
    answering = answers;
  }

  /** Requests for users' data keys the API has had (a cache's test counts them). */
  public static int requests() {
    return REQUESTS.get();
  }

  /** Answers a key request from what tests registered. */
  static final class Answer implements ResponseDefinitionTransformerV2 {

    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      boolean forTenants = serveEvent.getRequest().getUrl().startsWith(TENANT_KEYS_PATH);
      if (!forTenants) {
        REQUESTS.incrementAndGet();
      }
      if (!answering) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503).build();
      }
      try {
        if (forTenants) {
          return json(tenantKeys(serveEvent));
        }
        JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        String tenantId = request.path("tenantId").asText();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode keys = answer.putArray("keys");
        ArrayNode erased = answer.putArray("erased");
        ArrayNode unknown = answer.putArray("unknown");
        for (JsonNode id : request.path("userIds")) {
          String userId = id.asText();
          keyOf(tenantId, userId);
          Owned owned = KEYS.get(userId);
          if (!owned.tenantId().equals(tenantId)) {
            unknown.add(userId);
          } else if (ERASED.contains(userId)) {
            erased.add(userId);
          } else {
            keys.addObject().put("userId", userId).put("key", owned.key().encoded());
          }
        }
        return json(answer);
      } catch (IOException e) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400).build();
      }
    }

    /** Every tenant asked about has a key (made on first use) unless erased; GET: all made. */
    private static ObjectNode tenantKeys(ServeEvent serveEvent) throws IOException {
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode keys = answer.putArray("keys");
      answer.putArray("legacy");
      ArrayNode erased = answer.putArray("erased");
      answer.putArray("unknown");
      java.util.List<String> asked = new java.util.ArrayList<>();
      if ("GET".equals(serveEvent.getRequest().getMethod().getName())) {
        asked.addAll(TENANT_KEYS.keySet());
      } else {
        JSON.readTree(serveEvent.getRequest().getBodyAsString())
            .path("tenantIds")
            .forEach(id -> asked.add(id.asText()));
      }
      for (String tenantId : asked) {
        if (ERASED_TENANTS.contains(tenantId)) {
          erased.add(tenantId);
        } else {
          keys.addObject().put("tenantId", tenantId).put("key", tenantKeyOf(tenantId).encoded());
        }
      }
      return answer;
    }

    private static ResponseDefinition json(ObjectNode answer) throws IOException {
      return com.github.tomakehurst.wiremock.client.WireMock.aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(answer))
          .build();
    }
  }
}
