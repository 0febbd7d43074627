package io.lanyard.device.infra;

import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.domain.LockReason;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This replica's copy of the devices that have failures on record, so that the success path of a
 * clean device decides from memory. Loaded from {@code device_lockouts} at start and after every
 * reconnect, kept current by the NOTIFY each change sends (every replica hears it within
 * milliseconds).
 */
@ApplicationScoped
public class LockoutMirror {

  private static final Logger LOG = Logger.getLogger(LockoutMirror.class);

  private final Map<UUID, DeviceLockout> withRecord = new ConcurrentHashMap<>();
  private final Pool pool;
  private final Vertx vertx;
  private final LanyardInfrastructure infrastructure;
  private volatile boolean loaded;
  private PgSubscriber subscriber;

  LockoutMirror(Pool pool, Vertx vertx, LanyardInfrastructure infrastructure) {
    this.pool = pool;
    this.vertx = vertx;
    this.infrastructure = infrastructure;
  }

  void start(@Observes StartupEvent started) {
    subscriber =
        PgSubscriber.subscriber(vertx, infrastructure.connectOptions())
            .reconnectPolicy(attempt -> 500L);
    subscriber.channel(LockoutStore.CHANNEL).handler(this::changed).subscribeHandler(this::reload);
    subscriber
        .connect()
        .subscribe()
        .with(
            ignored -> {},
            failure -> LOG.warnf("lockout notifications: %s; retrying", failure.toString()));
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  /** Whether the mirror was loaded at least once (the replica is not ready before). */
  public boolean loaded() {
    return loaded;
  }

  /** The device's lockout as last heard; {@link DeviceLockout#CLEAR} for a clean device. */
  public DeviceLockout of(UUID deviceId) {
    return withRecord.getOrDefault(deviceId, DeviceLockout.CLEAR);
  }

  /**
   * What a change puts in its notification: {@code <device id>|<locks>|<locked until ms>|<failures
   * ms,...>|<budget ms,...>|<lock reason>}. At most a few dozen instants: far below NOTIFY's 8000
   * bytes.
   */
  static String payload(UUID deviceId, DeviceLockout lockout) {
    return new StringBuilder()
        .append(deviceId)
        .append('|')
        .append(lockout.locks())
        .append('|')
        .append(lockout.lockedUntil() == null ? "" : lockout.lockedUntil().toEpochMilli())
        .append('|')
        .append(millis(lockout.failures()))
        .append('|')
        .append(millis(lockout.budget()))
        .append('|')
        .append(lockout.reason() == null ? "" : lockout.reason().code())
        .toString();
  }

  static Map.Entry<UUID, DeviceLockout> parse(String payload) {
    String[] parts = payload.split("\\|", -1);
    Instant until = parts[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]));
    LockReason reason = parts[5].isEmpty() ? null : LockReason.ofCode(parts[5]);
    return Map.entry(
        UUID.fromString(parts[0]),
        new DeviceLockout(
            instants(parts[3]), instants(parts[4]), Integer.parseInt(parts[1]), until, reason));
  }

  private static String millis(List<Instant> instants) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < instants.size(); i++) {
      text.append(i == 0 ? "" : ",").append(instants.get(i).toEpochMilli());
    }
    return text.toString();
  }

  private static List<Instant> instants(String millis) {
    List<Instant> instants = new ArrayList<>();
    if (!millis.isEmpty()) {
      for (String at : millis.split(",")) {
        instants.add(Instant.ofEpochMilli(Long.parseLong(at)));
      }
    }
    return instants;
  }

  private void changed(String payload) {
    try {
      Map.Entry<UUID, DeviceLockout> change = parse(payload);
      put(change.getKey(), change.getValue());
    } catch (RuntimeException e) {
      LOG.warnf("lockout notification not understood (%s); reloading", e.toString());
      reload();
    }
  }

  /** A change this replica made itself: known here at once, elsewhere by its notification. */
  void changed(UUID deviceId, DeviceLockout lockout) {
    put(deviceId, lockout);
  }

  private void put(UUID deviceId, DeviceLockout lockout) {
    if (lockout.hasRecord()) {
      withRecord.put(deviceId, lockout);
    } else {
      withRecord.remove(deviceId);
    }
  }

  /** Notifications sent while this replica was not listening are lost: read the table again. */
  private void reload() {
    pool.query("SELECT device_id, " + LockoutStore.COLUMNS + " FROM device_lockouts")
        .execute()
        .subscribe()
        .with(
            rows -> {
              Map<UUID, DeviceLockout> fresh = new ConcurrentHashMap<>();
              rows.forEach(row -> fresh.put(row.getUUID("device_id"), LockoutStore.lockout(row)));
              withRecord.keySet().retainAll(fresh.keySet());
              fresh.forEach(this::put);
              loaded = true;
            },
            failure -> LOG.warnf("loading lockouts: %s", failure.toString()));
  }
}
