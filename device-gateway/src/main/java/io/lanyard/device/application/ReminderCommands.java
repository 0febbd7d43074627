package io.lanyard.device.application;

import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.domain.ReminderLimit;
import io.lanyard.device.domain.ReminderRequest;
import io.lanyard.device.infra.DeviceEventCodecs;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.secrets.SecretHasher;
import io.lanyard.secrets.TenantKeys;
import io.lanyard.secrets.TenantSeal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * "Email me my code" at a device: records {@code AccessCodeReminderRequested} in the address's own
 * stream, whose history is the rate limit (shared by every replica through the stream's version).
 * The address, which may be a person's, travels sealed under the tenant's key and names its stream
 * only by a keyed hash (ADR 7): the tenant's erasure leaves neither readable nor guessable.
 */
@ApplicationScoped
public class ReminderCommands {

  private final CommandExecutor<List<ReminderRequest>, ReminderRequest> executor;
  private final ReminderLimit limit = ReminderLimit.DEFAULT;
  private final Clock clock;
  private final SecretHasher hasher;
  private final TenantKeys tenantKeys;

  ReminderCommands(
      PgEventStore store, Clock clock, SecretHasher hasher, TenantKeyCache tenantKeys) {
    this.clock = clock;
    this.hasher = hasher;
    this.tenantKeys = tenantKeys;
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
        UUID.nameUUIDFromBytes(hasher.digest(tenantId, SecretPurposes.TYPED_ADDRESS, email))
            .toString();
    // A tenant made before tenant keys has no key to seal with: its addresses stay in clear.
    String address =
        tenantKeys
            .keyOf(tenantId)
            .map(key -> TenantSeal.seal(key, tenantId, SecretPurposes.TYPED_ADDRESS, email))
            .orElse(email);
    return executor
        .execute(
            stream,
            tenantId,
            earlier ->
                limit.decide(earlier, tenantId, address, deviceId, clock.instant()).stream()
                    .toList(),
            tx -> Uni.createFrom().voidItem())
        .replaceWithVoid();
  }
}
