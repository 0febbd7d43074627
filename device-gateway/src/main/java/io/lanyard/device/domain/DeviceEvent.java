package io.lanyard.device.domain;

/** What happens to a registered device (stream: the device id). */
public sealed interface DeviceEvent {

  String deviceId();

  String tenantId();

  record DeviceRegistered(
      String deviceId,
      String tenantId,
      String name,
      String location,
      String tokenHash,
      String registeredBy)
      implements DeviceEvent {}

  record DeviceTokenRotated(String deviceId, String tenantId, String tokenHash, String rotatedBy)
      implements DeviceEvent {}

  record DeviceRevoked(String deviceId, String tenantId, String revokedBy) implements DeviceEvent {}
}
