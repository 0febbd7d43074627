package io.lanyard.device.application;

import static io.lanyard.device.application.DeviceRequestChecks.input;

import io.lanyard.device.domain.ReminderLimit;
import io.lanyard.device.infra.ReminderRateStore;
import io.lanyard.device.model.DeviceEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * "Email me my code" at a device. Always the same answer within the device's rate: whether the
 * address is a user's is for notification-service alone. The rate is the device's, whatever the
 * address, and is taken before anything is appended: a device over it adds no stream.
 */
@ApplicationScoped
public class DeviceReminders {

  private final DeviceRequestChecks checks;
  private final ReminderCommands reminders;
  private final ReminderRateStore reminderRate;
  private final Clock clock;

  DeviceReminders(
      DeviceRequestChecks checks,
      ReminderCommands reminders,
      ReminderRateStore reminderRate,
      Clock clock) {
    this.checks = checks;
    this.reminders = reminders;
    this.reminderRate = reminderRate;
    this.clock = clock;
  }

  public Uni<ReminderOutcome> remind(DeviceEntry device, String email) {
    Optional<Refusal> refused = checks.refusal(input("email", email));
    if (refused.isPresent()) {
      return outcome(refused.get());
    }
    Optional<String> address = ReminderLimit.normalise(email);
    if (address.isEmpty()) {
      return outcome(new Refusal.NotAnEmail());
    }
    return reminderRate
        .take(device.toUuid(), device.tenant().id(), clock.instant())
        .chain(
            wait -> {
              if (wait.isPresent()) {
                return outcome(new Refusal.TooManyReminders(wait.get()));
              }
              return reminders
                  .request(device.tenant().id(), address.get(), device.id())
                  .replaceWith(new ReminderOutcome.Accepted());
            });
  }

  private static Uni<ReminderOutcome> outcome(ReminderOutcome outcome) {
    return Uni.createFrom().item(outcome);
  }
}
