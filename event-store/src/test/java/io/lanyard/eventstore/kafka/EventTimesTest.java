package io.lanyard.eventstore.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void readsWhatInstantWritesAsInstantReadsIt() {
    Random random = new Random(24);
    for (int i = 0; i < 100_000; i++) {
      Instant time =
          Instant.ofEpochSecond(
              random.nextLong(0, 253_402_300_799L), random.nextInt(1_000_000_000));
      for (Instant written :
          List.of(
              time,
              time.truncatedTo(ChronoUnit.MICROS),
              time.truncatedTo(ChronoUnit.MILLIS),
              time.truncatedTo(ChronoUnit.SECONDS))) {
        String text = written.toString();
        assertEquals(Instant.parse(text), EventTimes.parse(text), text);
      }
    }
  }

  @Test
  void otherFormsGoToTheGeneralParserAndWhatItRefusesIsRefused() {
    for (String text :
        List.of(
            "2026-12-05T12:31:07.1Z",
            "2026-12-05T12:31:07.Z",
            "2026-12-05T12:31:07.12Z",
            "2026-12-05T12:31:07+01:00",
            "2026-12-05T12:31:07.5+01:00",
            "+12026-12-05T12:31:07Z",
            "2024-02-29T00:00:00Z")) {
      assertEquals(Instant.parse(text), EventTimes.parse(text), text);
    }
    for (String text :
        List.of(
            "2026-02-30T12:31:07Z",
            "2026-13-05T12:31:07Z",
            "2026-12-05T24:31:07Z",
            "2026-12-05T12:31:07.1234567890Z",
            "2026-12-05 12:31:07Z",
            "2026-12-05T12:31:0xZ",
            "yesterday")) {
      assertThrows(DateTimeException.class, () -> EventTimes.parse(text), text);
    }
  }
}
