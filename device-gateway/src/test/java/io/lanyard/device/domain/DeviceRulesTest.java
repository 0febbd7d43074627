package io.lanyard.device.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Devices, reminder limits and the tenant-wide throttle, decided without a framework. */
class DeviceRulesTest {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aDeviceNeedsANameAndCannotBeChangedOnceRevoked() {
    DomainException noName =
        assertThrows(
            DomainException.class, () -> Device.register("d", "acme", "  ", null, "h", "admin"));
    assertEquals("invalid_name", noName.code());
    Device device = Device.fold(Device.register("d", "acme", " Lobby ", " ", "h1", "admin"));
    assertEquals("Lobby", device.name());
    assertEquals(null, device.location());
    Device rotated = Device.fold(concat(device, device.rotateToken("h2", "admin")));
    assertEquals("h2", rotated.tokenHash());
    Device revoked = rotated.apply(rotated.revoke("admin").get(0));
    assertFalse(revoked.exists());
    assertThrows(DomainException.class, () -> revoked.rotateToken("h3", "admin"));
    assertThrows(DomainException.class, () -> revoked.revoke("admin"));
  }

  private static List<DeviceEvent> concat(Device device, List<DeviceEvent> more) {
    List<DeviceEvent> events =
        new ArrayList<>(
            List.of(
                new DeviceEvent.DeviceRegistered(
                    device.id(),
                    device.tenantId(),
                    device.name(),
                    device.location(),
                    device.tokenHash(),
                    "admin")));
    events.addAll(more);
    return events;
  }

  @Test
  void oneAddressGetsAReminderEveryTwoMinutesAndFiveADay() {
    ReminderLimit limit = ReminderLimit.DEFAULT;
    List<ReminderRequest> earlier = new ArrayList<>();
    assertTrue(limit.decide(earlier, "acme", "a@x", "d", NOW).isPresent());
    earlier.add(limit.decide(earlier, "acme", "a@x", "d", NOW).orElseThrow());
    assertFalse(limit.decide(earlier, "acme", "a@x", "d", NOW.plusSeconds(60)).isPresent());
    Instant at = NOW;
    for (int i = 1; i < 5; i++) {
      at = at.plus(Duration.ofMinutes(3));
      earlier.add(limit.decide(earlier, "acme", "a@x", "d", at).orElseThrow());
    }
    assertFalse(
        limit.decide(earlier, "acme", "a@x", "d", at.plus(Duration.ofMinutes(3))).isPresent());
    assertTrue(
        limit.decide(earlier, "acme", "a@x", "d", NOW.plus(Duration.ofHours(25))).isPresent());
  }

  @Test
  void addressesAreTrimmedAndLowerCased() {
    assertEquals("ada@acme.example", ReminderLimit.normalise(" Ada@ACME.example ").orElseThrow());
    assertFalse(ReminderLimit.normalise("not an address").isPresent());
    assertFalse(ReminderLimit.normalise(null).isPresent());
  }

  @Test
  void aTenantsFailuresSlowDownOnlyBeyondTheFreeOnes() {
    FailureThrottle throttle = FailureThrottle.DEFAULT;
    assertEquals(Duration.ZERO, throttle.delay(20));
    assertEquals(Duration.ofMillis(100), throttle.delay(21));
    assertEquals(Duration.ofSeconds(3), throttle.delay(1_000));
  }
}
