package io.lanyard.device.infra;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.contracts.CredentialEvents;
import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventEnvelope;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which event changes what in the {@link LoginModel}. Events the model does not need (a reveal, a
 * reminder) only advance their stream's version or are passed over.
 */
public final class ModelEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelEvents() {}

  /**
   * Applies one event.
   *
   * @throws IllegalArgumentException when its data is not what its type promises
   */
  public static void apply(LoginModel model, EventEnvelope event) {
    EventType type = event.type();
    long version = event.streamVersion();
    String tenant = event.tenantId();
    if (type.equals(CredentialEvents.CREDENTIAL_POLICY_CHANGED)) {
      model.policyChanged(tenant, conversion(tree(event).get("cardConversion")), version);
      return;
    }
    Map<String, String> data = textFields(event);
    if (type.equals(IdentityEvents.TENANT_CREATED)) {
      model.tenantCreated(text(data, "tenantId"), version);
    } else if (type.equals(IdentityEvents.TENANT_SUSPENDED)) {
      model.tenantSuspended(text(data, "tenantId"), version);
    } else if (type.equals(IdentityEvents.USER_CREATED)
        || type.equals(IdentityEvents.USER_UPDATED)) {
      model.userProfile(
          user(data), tenant, text(data, "username"), text(data, "displayName"), version);
    } else if (type.equals(IdentityEvents.USER_SUSPENDED)) {
      model.userSuspended(user(data), tenant, version);
    } else if (type.equals(IdentityEvents.USER_REACTIVATED)) {
      model.userReactivated(user(data), tenant, version);
    } else if (type.equals(IdentityEvents.USER_DELETED)) {
      model.userDeleted(user(data), tenant, version);
    } else if (type.equals(CredentialEvents.ACCESS_CODE_CHANGED)) {
      model.codeChanged(user(data), tenant, Key128.ofKeyedHash(text(data, "codeHash")), version);
    } else if (type.equals(CredentialEvents.CARD_REGISTERED)) {
      model.cardRegistered(
          user(data),
          tenant,
          Key128.ofUuid(text(data, "cardId")),
          Key128.ofKeyedHash(text(data, "cardHash")),
          version);
    } else if (type.equals(CredentialEvents.CARD_REMOVED)) {
      model.cardRemoved(user(data), tenant, Key128.ofUuid(text(data, "cardId")), version);
    } else if (type.equals(CredentialEvents.CREDENTIALS_REVOKED)) {
      model.credentialsRevoked(user(data), tenant, version);
    } else if (type.equals(CredentialEvents.ACCESS_CODE_REVEALED)) {
      model.credentialSeen(user(data), tenant, version);
    } else if (type.equals(DeviceEvents.DEVICE_REGISTERED)
        || type.equals(DeviceEvents.DEVICE_TOKEN_ROTATED)) {
      model.deviceRegistered(
          Key128.ofUuid(text(data, "deviceId")),
          tenant,
          Key128.ofHex(text(data, "tokenHash")),
          version);
    } else if (type.equals(DeviceEvents.DEVICE_REVOKED)) {
      model.deviceRevoked(Key128.ofUuid(text(data, "deviceId")), tenant, version);
    }
  }

  private static JsonNode tree(EventEnvelope event) {
    try {
      return JSON.readTree(event.data());
    } catch (IOException e) {
      throw new IllegalArgumentException(event + " has no JSON data", e);
    }
  }

  /**
   * The top-level text fields of the event's data, read with the streaming parser: at start-up
   * every replica reads millions of events, and a tree per event costs twice as much.
   */
  private static Map<String, String> textFields(EventEnvelope event) {
    try (JsonParser parser = JSON.getFactory().createParser(event.data())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(event + " has no JSON object as data");
      }
      Map<String, String> fields = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() == JsonToken.VALUE_STRING) {
          fields.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return fields;
    } catch (IOException e) {
      throw new IllegalArgumentException(event + " has no readable JSON data", e);
    }
  }

  private static Key128 user(Map<String, String> data) {
    return Key128.ofUuid(text(data, "userId"));
  }

  private static String text(Map<String, String> data, String field) {
    String value = data.get(field);
    if (value == null) {
      throw new IllegalArgumentException("field " + field + " missing");
    }
    return value;
  }

  private static CardConversion conversion(JsonNode steps) {
    List<StepSpec> specs = new ArrayList<>();
    if (steps != null) {
      for (JsonNode step : steps) {
        specs.add(
            new StepSpec(
                step.path("step").asText(null),
                step.path("value").isTextual() ? step.get("value").asText() : null,
                step.path("count").isInt() ? step.get("count").asInt() : null,
                step.path("length").isInt() ? step.get("length").asInt() : null));
      }
    }
    return CardConversion.fromSpecs(specs);
  }
}
