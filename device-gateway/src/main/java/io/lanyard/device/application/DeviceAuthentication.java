package io.lanyard.device.application;

import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.DeviceEntry;
import io.lanyard.device.model.Key128;
import io.lanyard.secrets.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

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

  /** Empty when the token is missing, not a device token, unknown, rotated away or revoked. */
  public Optional<DeviceEntry> device(String authorization) {
    String token = OpaqueTokens.fromBearer(authorization);
    if (!OpaqueTokens.DEVICE.wellFormed(token)) {
      return Optional.empty();
    }
    return model.get().deviceByToken(Key128.ofBytes(OpaqueTokens.digest(token)));
  }
}
