package io.lanyard.directory.application.google;

import io.lanyard.directory.application.google.GoogleChannelStore.OpenChannel;
import io.lanyard.directory.application.google.GoogleConnectionStore.StoredConnection;
import io.lanyard.directory.domain.google.SyncRun;
import io.lanyard.secrets.OpaqueTokens;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Automatic mode: a run when a tenant's interval has passed since its last one (the first at once),
 * and a push channel ({@code users.watch}) per tenant, renewed before it expires, whose
 * notifications start a run. Every replica checks; the one-running-run rule keeps them from running
 * a tenant twice at a time.
 */
@ApplicationScoped
public class AutomaticGoogleSync {

  private static final Logger LOG = Logger.getLogger(AutomaticGoogleSync.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final GoogleConnectionStore connections;
  private final GoogleConnections keys;
  private final GoogleChannelStore channels;
  private final GoogleDirectories directories;
  private final SyncRunStore runs;
  private final GoogleSync sync;
  private final Vertx vertx;
  private final Duration checkEvery;
  private final Duration channelTtl;
  private final Duration renewBefore;
  private final String publicUrl;
  private final AtomicBoolean checking = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "google-automatic");
            thread.setDaemon(true);
            return thread;
          });
  private long timer;

  AutomaticGoogleSync(
      GoogleConnectionStore connections,
      GoogleConnections keys,
      GoogleChannelStore channels,
      GoogleDirectories directories,
      SyncRunStore runs,
      GoogleSync sync,
      Vertx vertx,
      @ConfigProperty(name = "lanyard.directory.sync.check-every", defaultValue = "60s")
          Duration checkEvery,
      @ConfigProperty(name = "lanyard.directory.google.channel-ttl", defaultValue = "6h")
          Duration channelTtl,
      @ConfigProperty(name = "lanyard.directory.google.renew-before", defaultValue = "1h")
          Duration renewBefore,
      @ConfigProperty(name = "lanyard.directory.public-url") String publicUrl) {
    this.connections = connections;
    this.keys = keys;
    this.channels = channels;
    this.directories = directories;
    this.runs = runs;
    this.sync = sync;
    this.vertx = vertx;
    this.checkEvery = checkEvery;
    this.channelTtl = channelTtl;
    this.renewBefore = renewBefore;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
  }

  void start(@Observes StartupEvent started) {
    timer = vertx.setPeriodic(checkEvery.toMillis(), tick -> checkSoon());
  }

  void stop(@Observes ShutdownEvent stopping) {
    vertx.cancelTimer(timer);
    worker.shutdownNow();
  }

  private void checkSoon() {
    if (checking.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            try {
              check();
            } catch (RuntimeException e) {
              LOG.warnf("automatic Google sync check failed: %s", e.toString());
            } finally {
              checking.set(false);
            }
          });
    }
  }

  /** One pass over the automatic tenants: runs that are due, channels to open or renew. */
  void check() {
    Set<String> automatic = new HashSet<>();
    for (StoredConnection connection : connections.automatic().await().indefinitely()) {
      automatic.add(connection.tenantId());
      try {
        startIfDue(connection);
        keepChannelOpen(connection);
      } catch (RuntimeException e) {
        LOG.warnf("automatic sync of %s: %s", connection.tenantId(), e.toString());
      }
    }
    for (String tenant : channels.tenants().await().indefinitely()) {
      if (!automatic.contains(tenant)) {
        channels.forget(tenant).await().indefinitely();
      }
    }
  }

  private void startIfDue(StoredConnection connection) {
    String tenant = connection.tenantId();
    Duration interval = Duration.ofMinutes(connection.settings().intervalMinutes());
    boolean due =
        runs.lastStarted(tenant)
            .await()
            .indefinitely()
            .map(last -> last.isBefore(OffsetDateTime.now().minus(interval)))
            .orElse(true);
    if (due) {
      sync.start(tenant, SyncRun.Trigger.AUTOMATIC).await().indefinitely();
    }
  }

  private void keepChannelOpen(StoredConnection connection) {
    String tenant = connection.tenantId();
    var open = channels.find(tenant).await().indefinitely();
    if (open.isPresent() && open.get().expiresAt().isAfter(Instant.now().plus(renewBefore))) {
      return;
    }
    String token = newToken();
    try {
      GoogleDirectory directory = directories.open(connection.settings(), keys.keyOf(connection));
      GoogleDirectory.Channel channel =
          directory.watch(publicUrl + "webhooks/google/" + tenant, token, channelTtl);
      channels
          .save(
              new OpenChannel(
                  tenant,
                  channel.id(),
                  channel.resourceId(),
                  OpaqueTokens.hash(token),
                  channel.expiresAt()))
          .await()
          .indefinitely();
      if (open.isPresent()) {
        directory.stop(open.get().channelId(), open.get().resourceId());
      }
    } catch (java.io.IOException | GoogleFailure e) {
      LOG.warnf("could not open Google's push channel for %s: %s", tenant, e.getMessage());
    }
  }

  /**
   * A push notification: it counts when it names the tenant's open channel with its token; a {@code
   * sync} message only says the channel works.
   */
  public Uni<Boolean> notified(String tenantId, String channelId, String token, String state) {
    return channels
        .find(tenantId)
        .chain(
            open -> {
              boolean genuine =
                  open.isPresent()
                      && token != null
                      && open.get().channelId().equals(channelId)
                      && MessageDigest.isEqual(
                          open.get().tokenHash().getBytes(), OpaqueTokens.hash(token).getBytes());
              if (!genuine) {
                return Uni.createFrom().item(false);
              }
              if ("sync".equals(state)) {
                return Uni.createFrom().item(true);
              }
              return sync.start(tenantId, SyncRun.Trigger.PUSH).replaceWith(true);
            });
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
