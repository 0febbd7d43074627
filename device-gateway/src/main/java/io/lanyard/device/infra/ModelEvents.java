package io.lanyard.device.infra;

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
import java.util.List;

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
    JsonNode data = read(event);
    EventType type = event.type();
    long version = event.streamVersion();
    String tenant = event.tenantId();
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
    } else if (type.equals(CredentialEvents.CREDENTIAL_POLICY_CHANGED)) {
      model.policyChanged(tenant, conversion(data.get("cardConversion")), version);
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

  private static JsonNode read(EventEnvelope event) {
    try {
      return JSON.readTree(event.data());
    } catch (IOException e) {
      throw new IllegalArgumentException(event + " has no JSON data", e);
    }
  }

  private static Key128 user(JsonNode data) {
    return Key128.ofUuid(text(data, "userId"));
  }

  private static String text(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field " + field + " missing");
    }
    return value.asText();
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
