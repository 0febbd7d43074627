package io.lanyard.notification.application;

import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.eventstore.BackgroundLoop;
import io.lanyard.eventstore.LeaderLock;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.DeliveryFailure;
import io.lanyard.notification.domain.MailSettings;
import io.lanyard.notification.domain.RetryPolicy;
import io.lanyard.notification.infra.DeliveryMetrics;
import io.lanyard.notification.infra.MailQueue;
import io.lanyard.notification.infra.MailSettingsRecords;
import io.lanyard.notification.infra.NotificationEventCodecs;
import io.lanyard.notification.infra.Recipients;
import io.lanyard.notification.infra.Recipients.Recipient;
import io.lanyard.runtime.events.LanyardInfrastructure;
import io.lanyard.secrets.SecretCipher;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the emails owed, on one replica at a time (it holds the sender's lock), oldest first and in
 * order per user. The code is decrypted from the queued ciphertext only to build the email.
 *
 * <p>An email accepted by the SMTP server is marked sent, with {@code NotificationSent}, in one
 * transaction. A crash between the server's acceptance and that transaction sends the email once
 * more after the restart: the only duplicate the service can produce. A refusal or an unreachable
 * server is tried again later ({@link RetryPolicy}); after the budget, {@code NotificationFailed}.
 */
@ApplicationScoped
public class MailSender {

  private static final Logger LOG = Logger.getLogger(MailSender.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  private final MailQueue queue;
  private final Recipients recipients;
  private final MailSettingsRecords settings;
  private final MailComposer composer;
  private final Mailer mailer;
  private final SecretCipher cipher;
  private final PgEventStore store;
  private final Pool pool;
  private final Clock clock;
  private final RetryPolicy retry;
  private final Duration idle;
  private final LeaderLock lock;
  private final BackgroundLoop loop;

  private final DeliveryMetrics metrics;

  MailSender(
      MailQueue queue,
      Recipients recipients,
      MailSettingsRecords settings,
      MailComposer composer,
      Mailer mailer,
      SecretCipher cipher,
      PgEventStore store,
      Pool pool,
      Vertx vertx,
      LanyardInfrastructure infrastructure,
      DeliveryMetrics metrics,
      @ConfigProperty(name = "lanyard.notification.retry.attempts") int attempts,
      @ConfigProperty(name = "lanyard.notification.retry.first") Duration first,
      @ConfigProperty(name = "lanyard.notification.retry.longest") Duration longest,
      @ConfigProperty(name = "lanyard.notification.poll-interval") Duration idle) {
    this.queue = queue;
    this.metrics = metrics;
    this.recipients = recipients;
    this.settings = settings;
    this.composer = composer;
    this.mailer = mailer;
    this.cipher = cipher;
    this.store = store;
    this.pool = pool;
    this.clock = Clock.systemUTC();
    this.retry = new RetryPolicy(attempts, first, longest);
    this.idle = idle;
    this.lock = new LeaderLock(vertx, infrastructure.connectOptions(), "mail-sender");
    this.loop = new BackgroundLoop("mail-sender", this::round);
  }

  void start(@Observes StartupEvent started) {
    loop.start();
  }

  void stop(@Observes ShutdownEvent stopping) {
    loop.stop(() -> {});
    lock.close();
  }

  private void round() {
    try {
      if (!lock.isHeld() && !lock.tryAcquire()) {
        BackgroundLoop.pause(Duration.ofSeconds(2));
        return;
      }
      List<MailQueue.Mail> due = queue.due(20).await().atMost(DB_TIMEOUT);
      for (MailQueue.Mail mail : due) {
        if (!loop.isRunning()) {
          return;
        }
        deliver(mail);
      }
      if (due.isEmpty()) {
        BackgroundLoop.pause(idle);
      }
    } catch (RuntimeException e) {
      LOG.warnf("mail sender: %s; trying again", e.toString());
      BackgroundLoop.pause(Duration.ofSeconds(1));
    }
  }

  private void deliver(MailQueue.Mail mail) {
    Optional<Recipient> recipient = recipients.find(pool, mail.userId()).await().atMost(DB_TIMEOUT);
    if (recipient.isPresent() && recipient.get().isDeleted()) {
      failed(mail, mail.attempts(), "the user no longer exists");
      return;
    }
    if (recipient.isEmpty()) {
      // The topics arrive in either order: a code's email may be owed before identity's event of
      // its user is applied here. It waits like a mail server that does not answer.
      notSent(mail, mail.attempts() + 1, "the user is not known here yet");
      return;
    }
    MailSettings tenantSettings =
        settings.current(pool, mail.tenantId()).await().atMost(DB_TIMEOUT);
    List<String> cards = recipients.maskedCards(pool, mail.userId()).await().atMost(DB_TIMEOUT);
    String code =
        mail.codeCiphertext() == null
            ? null
            : cipher.decrypt(mail.tenantId(), SecretPurposes.ACCESS_CODE, mail.codeCiphertext());
    int attempt = mail.attempts() + 1;
    try {
      mailer.send(
          composer.compose(
              mail.kind(),
              recipient.get(),
              mail.address(),
              tenantSettings,
              cards,
              code,
              mail.details()));
    } catch (RuntimeException e) {
      notSent(mail, attempt, DeliveryFailure.describe(e));
      return;
    }
    record(
        mail,
        tx -> queue.sent(tx, mail.id(), attempt),
        new DeliveryEvent.NotificationSent(
            mail.id(), mail.tenantId(), mail.userId(), mail.kind(), attempt));
    metrics.sent(mail.kind().wire());
  }

  /** Tried again after the retry policy's wait, or failed for good once its attempts are spent. */
  private void notSent(MailQueue.Mail mail, int attempt, String error) {
    Optional<Duration> wait = retry.nextAfter(attempt);
    if (wait.isEmpty()) {
      failed(mail, attempt, error);
      return;
    }
    LOG.infof(
        "email %s (%s) not sent, attempt %d: %s; next in %s",
        mail.id(), mail.kind().wire(), attempt, error, wait.get());
    metrics.retried(mail.kind().wire());
    queue
        .retryAt(mail.id(), attempt, clock.instant().plus(wait.get()), error)
        .await()
        .atMost(DB_TIMEOUT);
  }

  private void failed(MailQueue.Mail mail, int attempts, String error) {
    LOG.warnf(
        "email %s (%s) failed for good after %d attempts: %s",
        mail.id(), mail.kind().wire(), attempts, error);
    record(
        mail,
        tx -> queue.failed(tx, mail.id(), attempts, error),
        new DeliveryEvent.NotificationFailed(
            mail.id(), mail.tenantId(), mail.userId(), mail.kind(), Math.max(1, attempts), error));
    metrics.failed(mail.kind().wire());
  }

  private void record(
      MailQueue.Mail mail,
      java.util.function.Function<io.vertx.mutiny.sqlclient.SqlConnection, Uni<Void>> change,
      DeliveryEvent event) {
    store
        .inTransaction(
            tx ->
                change
                    .apply(tx)
                    .chain(
                        () ->
                            store.append(
                                tx,
                                new StreamId("notification", mail.id().toString(), mail.tenantId()),
                                0,
                                List.of(NotificationEventCodecs.DELIVERIES.encode(event)))))
        .await()
        .atMost(DB_TIMEOUT);
  }
}
