package io.lanyard.device.application;

import io.lanyard.device.domain.Device;
import io.lanyard.device.domain.DeviceEvent;
import io.lanyard.device.infra.DeviceEventCodecs;
import io.lanyard.device.infra.DeviceRecords;
import io.lanyard.device.infra.DeviceRecords.DeviceRow;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An admin's commands on devices. After each commits, this replica's login model learns of it at
 * once (the copy arriving later from the topic is skipped by its version); other replicas learn
 * from the topic.
 */
@ApplicationScoped
public class DeviceCommands {

  /** A device with the token to configure it with: shown this once. */
  public record Issued(DeviceRow device, String token) {}

  private final CommandExecutor<Device, DeviceEvent> executor;
  private final DeviceRecords records;
  private final CurrentLoginModel model;

  DeviceCommands(PgEventStore store, DeviceRecords records, CurrentLoginModel model) {
    this.records = records;
    this.model = model;
    this.executor =
        new CommandExecutor<>(
            store,
            DeviceEventCodecs.DEVICES,
            "device",
            Device::fold,
            records::apply,
            ConflictRetry.defaults());
  }

  public Uni<Issued> register(String tenantId, String name, String location, String actor) {
    String id = UUID.randomUUID().toString();
    String token = OpaqueTokens.DEVICE.issue();
    String tokenHash = OpaqueTokens.hash(token);
    return run(
            tenantId, id, device -> Device.register(id, tenantId, name, location, tokenHash, actor))
        .map(device -> new Issued(device, token));
  }

  public Uni<String> rotateToken(String tenantId, UUID id, String actor) {
    String token = OpaqueTokens.DEVICE.issue();
    String tokenHash = OpaqueTokens.hash(token);
    return run(
            tenantId,
            id.toString(),
            device -> owned(device, tenantId).rotateToken(tokenHash, actor))
        .replaceWith(token);
  }

  public Uni<Void> revoke(String tenantId, UUID id, String actor) {
    return run(tenantId, id.toString(), device -> owned(device, tenantId).revoke(actor))
        .replaceWithVoid();
  }

  /** Another tenant's device is as unknown as one that does not exist. */
  private static Device owned(Device device, String tenantId) {
    if (!device.exists() || !device.tenantId().equals(tenantId)) {
      throw DomainException.notFound("device");
    }
    return device;
  }

  private Uni<DeviceRow> run(
      String tenantId, String id, Function<Device, List<DeviceEvent>> decide) {
    AtomicReference<List<DeviceEvent>> decided = new AtomicReference<>(List.of());
    return executor
        .execute(
            id,
            tenantId,
            device -> {
              List<DeviceEvent> events = decide.apply(device);
              decided.set(events);
              return events;
            },
            tx -> records.findAny(tx, UUID.fromString(id)))
        .invoke(row -> decided.get().forEach(event -> applyLocally(event, row.version())));
  }

  /** Each command appends one event, so the device's version after it is that event's. */
  private void applyLocally(DeviceEvent event, long version) {
    Key128 id = Key128.ofUuid(event.deviceId());
    if (event instanceof DeviceEvent.DeviceRegistered e) {
      model.get().deviceRegistered(id, e.tenantId(), Key128.ofHex(e.tokenHash()), version);
    } else if (event instanceof DeviceEvent.DeviceTokenRotated e) {
      model.get().deviceTokenRotated(id, e.tenantId(), Key128.ofHex(e.tokenHash()), version);
    } else {
      model.get().deviceRevoked(id, event.tenantId(), version);
    }
  }
}
