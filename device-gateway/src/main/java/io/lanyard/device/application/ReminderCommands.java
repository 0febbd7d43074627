package io.lanyard.device.application;

import io.lanyard.device.domain.ReminderLimit;
import io.lanyard.device.domain.ReminderRequest;
import io.lanyard.device.infra.DeviceEventCodecs;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * "Email me my code" at a device: records {@code AccessCodeReminderRequested} in the address's own
 * stream, whose history is the rate limit (shared by every replica through the stream's version).
 */
@ApplicationScoped
public class ReminderCommands {

  private final CommandExecutor<List<ReminderRequest>, ReminderRequest> executor;
  private final ReminderLimit limit = ReminderLimit.DEFAULT;
  private final Clock clock;

  ReminderCommands(PgEventStore store, Clock clock) {
    this.clock = clock;
    this.executor =
        new CommandExecutor<>(
            store,
            DeviceEventCodecs.REMINDERS,
            "reminder",
            List::copyOf,
            (tx, event) -> Uni.createFrom().voidItem(),
            ConflictRetry.defaults());
  }

  /** Completes when the request is recorded, or dropped by the rate limit; both look the same. */
  public Uni<Void> request(String tenantId, String email, String deviceId) {
    String stream =
        UUID.nameUUIDFromBytes(
                ("reminder:" + tenantId + ":" + email).getBytes(StandardCharsets.UTF_8))
            .toString();
    return executor
        .execute(
            stream,
            tenantId,
            earlier ->
                limit.decide(earlier, tenantId, email, deviceId, clock.instant()).stream().toList(),
            tx -> Uni.createFrom().voidItem())
        .replaceWithVoid();
  }
}
