package io.lanyard.device.model;

/** A registered device as the device API needs it: its tenant and whether its token still works. */
public final class DeviceEntry extends Key128 {

  private final TenantEntry tenant;
  volatile Key128 token;
  volatile boolean revoked;
  long version;

  DeviceEntry(Key128 id, TenantEntry tenant) {
    super(id.hi, id.lo);
    this.tenant = tenant;
  }

  public TenantEntry tenant() {
    return tenant;
  }

  public String id() {
    return toUuid().toString();
  }
}
