package io.lanyard.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventJson;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.PersonalSeal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The data keys at hand for sealing and opening the personal part of events (ADR 7), by user id:
 * the keys of the users an event store's streams or a consumer's poll are about. A user without a
 * key here is erased (or was never asked about): what was sealed for them does not open, and
 * nothing can be sealed for them.
 *
 * <p>Two forms are read: {@code pd1:} ({@link PersonalSeal}, what every new event carries) and
 * {@code pd0:}, the unsealed form an upcaster gives the clear fields of an event written before
 * sealing existed (never written to a store or a topic, only read).
 */
public final class PersonalKeys {

  /** Keys for nobody: opens only {@code pd0:}; for readers that need no person's data. */
  public static final PersonalKeys NONE = new PersonalKeys(Map.of());

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static final String UNSEALED = "pd0:";

  private final Map<String, DataKey> byUser;

  private PersonalKeys(Map<String, DataKey> byUser) {
    this.byUser = byUser;
  }

  /** {@code byUser}: user id → key, for the users that have one. */
  public static PersonalKeys of(Map<String, DataKey> byUser) {
    return new PersonalKeys(Map.copyOf(byUser));
  }

  public boolean has(String userId) {
    return byUser.containsKey(userId);
  }

  /**
   * {@code fields} (a record) as JSON, sealed under the user's key.
   *
   * @throws IllegalStateException when the user has no key here: a person's data is never written
   *     in clear instead
   */
  public String seal(String tenantId, String userId, Object fields) {
    DataKey key = byUser.get(userId);
    if (key == null) {
      throw new IllegalStateException("no data key for user " + userId + " to seal with");
    }
    return PersonalSeal.seal(key, tenantId, userId, EventJson.write(fields));
  }

  /**
   * What {@code sealed} holds, read as {@code type}; empty when the user's key is not here (erased:
   * the data is gone for good).
   *
   * @throws IllegalStateException when it is neither form, or does not open under the user's key
   *     (another user's or tenant's data, or tampered with): the event cannot be read
   */
  public <T> Optional<T> open(String tenantId, String userId, String sealed, Class<T> type) {
    if (sealed != null && sealed.startsWith(UNSEALED)) {
      return Optional.of(EventJson.read(unsealedJson(sealed), type));
    }
    if (!PersonalSeal.isSealed(sealed)) {
      throw new IllegalStateException("personal data of user " + userId + " is not sealed");
    }
    DataKey key = byUser.get(userId);
    if (key == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(EventJson.read(PersonalSeal.open(key, tenantId, userId, sealed), type));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "personal data of user " + userId + " does not open under their key", e);
    }
  }

  /**
   * The clear fields of an event written before sealing, in the form {@link #open} reads: for
   * upcasters, which have no keys. Only ever read, never stored or published.
   */
  public static String unsealed(Object fields) {
    return UNSEALED
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(EventJson.write(fields).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An upcaster's step to a sealed version (ADR 7): {@code fields} of an event written before
   * sealing (those present and not null) move out of {@code data} into {@code personal}, in the
   * unsealed form {@link #open} reads without a key. {@code data} itself is left as it was.
   */
  public static ObjectNode withFieldsUnsealed(ObjectNode data, String... fields) {
    ObjectNode personal = JsonNodeFactory.instance.objectNode();
    ObjectNode upcast = data.deepCopy();
    for (String field : fields) {
      JsonNode value = upcast.remove(field);
      if (value != null && !value.isNull()) {
        personal.set(field, value);
      }
    }
    upcast.put("personal", unsealed(personal));
    return upcast;
  }

  /**
   * {@code json} (an event's data upcast to a sealed version) with its {@code personal} sealed: the
   * unsealed form an upcaster made is sealed under the user's key, or, for a user without one here
   * (erased), under a key made for the purpose and forgotten at once, so that what it held is gone
   * as their other events' data is. Data already sealed is left as it was.
   */
  public String resealed(String tenantId, String userId, String json) {
    ObjectNode data;
    try {
      data = (ObjectNode) JSON.readTree(json);
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalStateException("an event's data is not a JSON object", e);
    }
    JsonNode personal = data.get("personal");
    if (personal == null || !personal.isTextual() || !personal.asText().startsWith(UNSEALED)) {
      return json;
    }
    DataKey key = byUser.getOrDefault(userId, DataKey.generate());
    data.put("personal", PersonalSeal.seal(key, tenantId, userId, unsealedJson(personal.asText())));
    return data.toString();
  }

  private static String unsealedJson(String unsealed) {
    return new String(
        Base64.getUrlDecoder().decode(unsealed.substring(UNSEALED.length())),
        StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "PersonalKeys[users=" + byUser.keySet() + "]";
  }
}
