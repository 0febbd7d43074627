package io.lanyard.device.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.kernel.DomainException;
import io.lanyard.testsupport.AggregateScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Devices, reminder limits and the tenant-wide throttle, decided without a framework: given past
 * events, when a command, then these new events or this refusal.
 */
class DeviceRulesTest {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  static final DeviceEvent REGISTERED =
      new DeviceEvent.DeviceRegistered("d", "acme", "Lobby", null, "h1", "admin");
  static final DeviceEvent ROTATED = new DeviceEvent.DeviceTokenRotated("d", "acme", "h2", "admin");
  static final DeviceEvent REVOKED = new DeviceEvent.DeviceRevoked("d", "acme", "admin");

  static AggregateScenario<Device, DeviceEvent> device() {
    return AggregateScenario.of(Device::fold);
  }

  static AggregateScenario<List<ReminderRequest>, ReminderRequest> address() {
    return AggregateScenario.of(List::copyOf);
  }

  @Test
  void aDeviceIsRegisteredWithItsNameAndLocationTrimmedAndABlankLocationLeftOut() {
    device()
        .when(none -> Device.register("d", "acme", " Lobby ", " ", "h1", "admin"))
        .then(new DeviceEvent.DeviceRegistered("d", "acme", "Lobby", null, "h1", "admin"));
  }

  @Test
  void aDeviceNeedsAName() {
    device()
        .when(none -> Device.register("d", "acme", "  ", null, "h", "admin"))
        .thenRefused(DomainException.class, "invalid_name");
  }

  @Test
  void aRegisteredDevicesTokenIsRotatedAndTheLatestTokenIsTheOneItKeeps() {
    device().given(REGISTERED).when(device -> device.rotateToken("h2", "admin")).then(ROTATED);
    // The fold is what later commands decide on: the latest rotation's token is the device's.
    assertEquals("h2", Device.fold(List.of(REGISTERED, ROTATED)).tokenHash());
  }

  @Test
  void aRotatedDeviceIsRevoked() {
    device().given(REGISTERED, ROTATED).when(device -> device.revoke("admin")).then(REVOKED);
  }

  @Test
  void aRevokedDeviceIsGoneForGood() {
    assertFalse(Device.fold(List.of(REGISTERED, ROTATED, REVOKED)).exists());
    device()
        .given(REGISTERED, ROTATED, REVOKED)
        .when(device -> device.rotateToken("h3", "admin"))
        .thenRefused(DomainException.class, "not_found");
    device()
        .given(REGISTERED, ROTATED, REVOKED)
        .when(device -> device.revoke("admin"))
        .thenRefused(DomainException.class, "not_found");
  }

  @Test
  void aDeviceThatWasNeverRegisteredCannotBeRotatedOrRevoked() {
    device()
        .when(device -> device.rotateToken("h", "admin"))
        .thenRefused(DomainException.class, "not_found");
    device().when(device -> device.revoke("admin")).thenRefused(DomainException.class, "not_found");
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
          device()
              .when(none -> Device.register("d", "acme", name, null, "h", "admin"))
              .thenRefused(DomainException.class, "invalid_name");
      assertEquals(DomainException.Kind.INVALID, refused.kind(), name);
    }
    for (String location : List.of("2nd\u0000floor", "\t\u0007", "y".repeat(201))) {
      device()
          .when(none -> Device.register("d", "acme", "Lobby", location, "h", "admin"))
          .thenRefused(DomainException.class, "invalid_location");
    }
  }

  @Test
  void whatAPersonTypesIsKeptLettersOfAnyScriptAndEmojiUpToTheLimit() {
    String emoji = "\uD83D\uDDA8".repeat(Device.MAX_NAME);
    device()
        .when(none -> Device.register("d", "acme", emoji, null, "h", "a"))
        .then(new DeviceEvent.DeviceRegistered("d", "acme", emoji, null, "h", "a"));
    device()
        .when(none -> Device.register("d", "acme", "Drucker Büro 3 – Zürich", "\t3F ", "h", "a"))
        .then(
            new DeviceEvent.DeviceRegistered(
                "d", "acme", "Drucker Büro 3 – Zürich", "3F", "h", "a"));
  }

  @Test
  void oneAddressGetsAReminderEveryTwoMinutes() {
    ReminderRequest first = reminder(NOW);
    address().when(earlier -> remind(earlier, NOW)).then(first);
    address().given(first).when(earlier -> remind(earlier, NOW.plusSeconds(60))).then();
    address()
        .given(first)
        .when(earlier -> remind(earlier, NOW.plus(Duration.ofMinutes(3))))
        .then(reminder(NOW.plus(Duration.ofMinutes(3))));
  }

  @Test
  void oneAddressGetsFiveRemindersADay() {
    // given reminders three minutes apart
    List<ReminderRequest> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(reminder(NOW.plus(Duration.ofMinutes(3L * i))));
    }
    Instant threeMinutesLater = NOW.plus(Duration.ofMinutes(15));
    // when four were sent, then a fifth is
    address()
        .given(five.subList(0, 4))
        .when(earlier -> remind(earlier, NOW.plus(Duration.ofMinutes(12))))
        .then(five.get(4));
    // when five were, then a sixth is not
    address().given(five).when(earlier -> remind(earlier, threeMinutesLater)).then();
    // and once the first has left the 24 hours, there is one again
    Instant nextDay = NOW.plus(Duration.ofHours(25));
    address().given(five).when(earlier -> remind(earlier, nextDay)).then(reminder(nextDay));
  }

  private static ReminderRequest reminder(Instant at) {
    return new ReminderRequest("acme", "a@x", "d", at.toString());
  }

  private static List<ReminderRequest> remind(List<ReminderRequest> earlier, Instant now) {
    return ReminderLimit.DEFAULT.decide(earlier, "acme", "a@x", "d", now).stream().toList();
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
