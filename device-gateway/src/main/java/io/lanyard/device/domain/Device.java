package io.lanyard.device.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.util.List;

/**
 * A registered MFD as its events leave it, and what an admin may do with it. A revoked device is
 * gone for good: it cannot be rotated or revoked again, and answers "not found".
 */
public record Device(
    String id, String tenantId, String name, String location, String tokenHash, boolean revoked) {

  public static final int MAX_NAME = 100;
  public static final int MAX_LOCATION = 200;

  static final Device NONE = new Device(null, null, null, null, null, false);

  public static Device fold(List<DeviceEvent> events) {
    Device device = NONE;
    for (DeviceEvent event : events) {
      device = device.apply(event);
    }
    return device;
  }

  public boolean exists() {
    return id != null && !revoked;
  }

  public Device apply(DeviceEvent event) {
    if (event instanceof DeviceEvent.DeviceRegistered e) {
      return new Device(e.deviceId(), e.tenantId(), e.name(), e.location(), e.tokenHash(), false);
    }
    if (event instanceof DeviceEvent.DeviceTokenRotated e) {
      return new Device(id, tenantId, name, location, e.tokenHash(), revoked);
    }
    return new Device(id, tenantId, name, location, null, true);
  }

  public static List<DeviceEvent> register(
      String deviceId, String tenantId, String name, String location, String tokenHash, String by) {
    // Names and locations are shown in lists and on consoles: one line of visible text.
    String cleanName = Text.required("name", name, MAX_NAME);
    String cleanLocation = Text.optional("location", location, MAX_LOCATION);
    return List.of(
        new DeviceEvent.DeviceRegistered(
            deviceId, tenantId, cleanName, cleanLocation, tokenHash, by));
  }

  public List<DeviceEvent> rotateToken(String tokenHash, String by) {
    requireExists();
    return List.of(new DeviceEvent.DeviceTokenRotated(id, tenantId, tokenHash, by));
  }

  public List<DeviceEvent> revoke(String by) {
    requireExists();
    return List.of(new DeviceEvent.DeviceRevoked(id, tenantId, by));
  }

  private void requireExists() {
    if (!exists()) {
      throw DomainException.notFound("device");
    }
  }
}
