package io.lanyard.device.application;

import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.DeviceEntry;
import io.lanyard.device.model.Key128;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.secrets.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The device behind a request's {@code Authorization: Bearer <device token>}, from the login model
 * (no OIDC, no database): a token works as soon as this replica knows the device and stops as soon
 * as it knows of the rotation or revocation.
 */
@ApplicationScoped
public class DeviceAuthentication {

  private final CurrentLoginModel model;

  DeviceAuthentication(CurrentLoginModel model) {
    this.model = model;
  }

  public DeviceEntry device(String authorization) {
    String token = OpaqueTokens.fromBearer(authorization);
    if (!OpaqueTokens.DEVICE.wellFormed(token)) {
      throw refused();
    }
    return model
        .get()
        .deviceByToken(Key128.ofBytes(OpaqueTokens.digest(token)))
        .orElseThrow(() -> refused());
  }

  private static ApiException refused() {
    return ApiException.unauthorized(
            "invalid_device_token", "the device token is missing, unknown or revoked")
        .withHeader("WWW-Authenticate", "Bearer");
  }
}
