package io.lanyard.device.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.device.domain.DeviceLockout;
import io.lanyard.device.domain.LockReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a lockout change tells the other replicas, read back as it was written. */
class LockoutMirrorTest {

  @Test
  void aNotificationCarriesTheWholeLockout() {
    UUID device = UUID.randomUUID();
    for (DeviceLockout lockout :
        List.of(
            DeviceLockout.CLEAR,
            new DeviceLockout(
                List.of(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000)),
                List.of(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000)),
                0,
                null,
                null),
            new DeviceLockout(
                List.of(),
                List.of(Instant.ofEpochMilli(500)),
                3,
                Instant.ofEpochMilli(9_000),
                LockReason.HOURLY_FAILURE_BUDGET),
            new DeviceLockout(
                List.of(),
                List.of(),
                1,
                Instant.ofEpochMilli(9_000),
                LockReason.CONSECUTIVE_FAILURES))) {
      var parsed = LockoutMirror.parse(LockoutMirror.payload(device, lockout));
      assertEquals(device, parsed.getKey());
      assertEquals(lockout, parsed.getValue());
    }
  }
}
