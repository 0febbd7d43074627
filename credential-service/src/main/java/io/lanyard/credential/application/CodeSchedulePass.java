package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeRotation;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.infra.DueCodes;
import io.lanyard.credential.infra.DueCodes.DueCode;
import io.lanyard.credential.infra.Policies;
import io.lanyard.runtime.metrics.SchedulerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One pass of the scheduler (ADR 6): records the codes whose deadline has passed, then, tenant by
 * tenant where the policy rotates codes, replaces the codes due and warns the users whose code
 * comes due. Everything is selected by a deadline at or before now, so a pass after downtime
 * catches up; at most {@code lanyard.credential.schedule.batch-size} actions per pass. Blocking:
 * run it off the event loop.
 */
@ApplicationScoped
public class CodeSchedulePass {

  /**
   * What one pass did.
   *
   * @param budgetSpent whether it stopped at its batch size (more may be due: go again at once)
   */
  public record Outcome(int expired, int noticed, int rotated, boolean budgetSpent) {}

  private static final Logger LOG = Logger.getLogger(CodeSchedulePass.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  private final DueCodes due;
  private final Policies policies;
  private final ScheduledCodeActions actions;
  private final Pool pool;
  private final Clock clock;
  private final int batchSize;
  private final SchedulerMetrics metrics;
  private final Counter expiries;
  private final Counter notices;
  private final Counter rotations;

  CodeSchedulePass(
      DueCodes due,
      Policies policies,
      ScheduledCodeActions actions,
      Pool pool,
      Clock clock,
      MeterRegistry registry,
      @ConfigProperty(name = "lanyard.credential.schedule.batch-size", defaultValue = "500")
          int batchSize) {
    this.due = due;
    this.policies = policies;
    this.actions = actions;
    this.pool = pool;
    this.clock = clock;
    this.batchSize = batchSize;
    this.metrics = new SchedulerMetrics(registry);
    this.expiries = metrics.action("code_expired");
    this.notices = metrics.action("rotation_due");
    this.rotations = metrics.action("code_rotated");
  }

  /** One pass, at the clock's now. */
  public Outcome run() {
    Instant now = clock.instant();
    int budget = batchSize;
    int expired = 0;
    for (DueCode code : await(due.expired(pool, now, budget))) {
      budget--;
      if (acted(code, "recording the expiry", () -> actions.expire(code, now))) {
        expired++;
        expiries.increment();
      }
    }
    int noticed = 0;
    int rotated = 0;
    for (Map.Entry<String, CredentialPolicy> tenant : await(policies.rotating(pool)).entrySet()) {
      if (budget <= 0) {
        break;
      }
      CredentialPolicy policy = tenant.getValue();
      CodeRotation rule = policy.rotation().orElseThrow();
      List<DueCode> overdue =
          await(
              due.rotatable(
                  pool, tenant.getKey(), now, rule.replaceIfSetBy(now), null, false, budget));
      for (DueCode code : overdue) {
        budget--;
        if (rule.due(code.source(), code.changedAt(), code.rotationNoticed(), now)
                == CodeRotation.Due.ROTATE
            && acted(code, "rotating the code", () -> actions.rotate(code, policy, now))) {
          rotated++;
          rotations.increment();
        }
      }
      if (rule.rotationNoticeDays() == 0 || budget <= 0) {
        continue;
      }
      List<DueCode> comingDue =
          await(
              due.rotatable(
                  pool,
                  tenant.getKey(),
                  now,
                  rule.warnIfSetBy(now),
                  rule.replaceIfSetBy(now),
                  true,
                  budget));
      for (DueCode code : comingDue) {
        budget--;
        if (rule.due(code.source(), code.changedAt(), code.rotationNoticed(), now)
                == CodeRotation.Due.NOTICE
            && acted(
                code,
                "warning of the rotation",
                () -> actions.noticeRotation(code, rule.rotatesAt(code.changedAt())))) {
          noticed++;
          notices.increment();
        }
      }
    }
    metrics.passed();
    return new Outcome(expired, noticed, rotated, budget <= 0);
  }

  /**
   * One action; a failure is this code's only (the next pass selects it again), never the pass's.
   * Logged by user and tenant: what failed names no code.
   */
  private static boolean acted(DueCode code, String what, Supplier<Uni<Boolean>> action) {
    try {
      return await(action.get());
    } catch (RuntimeException e) {
      LOG.warnf(
          "scheduler: %s of user %s (tenant %s) failed, trying again next pass: %s",
          what, code.userId(), code.tenantId(), e.toString());
      return false;
    }
  }

  private static <T> T await(Uni<T> work) {
    return work.await().atMost(DB_TIMEOUT);
  }
}
