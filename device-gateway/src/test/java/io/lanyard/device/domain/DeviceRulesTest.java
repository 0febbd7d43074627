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

  @Test
  void aDevicesNameAndLocationAreOneLineOfVisibleTextOfLimitedLength() {
    // given names as an admin (or an attacker) may send them
    for (String name :
        List.of(
            "Lobby\u0000MFD",
            "Lobby\nMFD",
            "Lobby\u2028MFD",
            "Lobby \u202Edfm",
            "Lobby \uD800",
            "\uDC00 Lobby",
            "x".repeat(Device.MAX_NAME + 1))) {
      // when a device is registered with one, then it is refused naming the field
      DomainException refused =
          assertThrows(
              DomainException.class,
              () -> Device.register("d", "acme", name, null, "h", "admin"),
              name);
      assertEquals("invalid_name", refused.code(), name);
      assertEquals(DomainException.Kind.INVALID, refused.kind());
    }
    for (String location : List.of("2nd\u0000floor", "\t\u0007", "y".repeat(201))) {
      assertEquals(
          "invalid_location",
          assertThrows(
                  DomainException.class,
                  () -> Device.register("d", "acme", "Lobby", location, "h", "admin"))
              .code());
    }
    // and what a person types is kept: letters of any script, emoji (surrogate pairs), 100 of them
    String emoji = "\uD83D\uDDA8".repeat(Device.MAX_NAME);
    assertEquals(emoji, Device.fold(Device.register("d", "acme", emoji, null, "h", "a")).name());
    Device device =
        Device.fold(Device.register("d", "acme", "Drucker Büro 3 – Zürich", "\t3F ", "h", "a"));
    assertEquals("Drucker Büro 3 – Zürich", device.name());
    assertEquals("3F", device.location());
  }

  @Test
  void aDeviceMayAskForTenRemindersAMinute() {
    ReminderRate rate = ReminderRate.DEFAULT;
    // given ten requests within the last minute
    List<Instant> earlier = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ReminderRate.Decision decision = rate.request(earlier, NOW.plusSeconds(i));
      earlier = ((ReminderRate.Allowed) decision).requests();
    }
    assertEquals(10, earlier.size());
    // when the 11th comes at +20 s, then it waits until the first leaves the minute (+60 s)
    assertEquals(
        new ReminderRate.Refused(Duration.ofSeconds(40)),
        rate.request(earlier, NOW.plusSeconds(20)));
    // and once it has left, there is room for one more, and the old one is forgotten
    ReminderRate.Decision later = rate.request(earlier, NOW.plusSeconds(60));
    assertTrue(later instanceof ReminderRate.Allowed);
    assertEquals(10, ((ReminderRate.Allowed) later).requests().size());
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
    assertFalse(ReminderLimit.normalise("ada\u0000@acme.example").isPresent());
    assertFalse(ReminderLimit.normalise("ada\uD800@acme.example").isPresent());
  }

  @Test
  void aTenantsFailuresSlowDownOnlyBeyondTheFreeOnes() {
    FailureThrottle throttle = FailureThrottle.DEFAULT;
    assertEquals(Duration.ZERO, throttle.delay(20));
    assertEquals(Duration.ofMillis(100), throttle.delay(21));
    assertEquals(Duration.ofSeconds(3), throttle.delay(1_000));
  }
}
