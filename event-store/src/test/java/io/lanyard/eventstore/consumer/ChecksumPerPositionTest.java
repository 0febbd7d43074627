package io.lanyard.eventstore.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChecksumPerPositionTest {

  private final ChecksumPerPosition checksums = new ChecksumPerPosition();
  private final AtomicInteger computed = new AtomicInteger();
  private final Supplier<String> compute = () -> "sum-" + computed.incrementAndGet();

  @Test
  void theRowsAreHashedOncePerPosition() {
    Map<String, Long> at5 = Map.of("lanyard.identity-0", 5L);
    assertEquals("sum-1", checksums.at(at5, null, compute));
    assertEquals("sum-1", checksums.at(Map.of("lanyard.identity-0", 5L), null, compute));
    assertEquals(1, computed.get());

    assertEquals("sum-2", checksums.at(Map.of("lanyard.identity-0", 6L), null, compute));
    assertEquals("sum-2", checksums.at(Map.of("lanyard.identity-0", 6L), null, compute));
    assertEquals(2, computed.get());
  }

  @Test
  void aRebuildMayChangeTheContentAtTheSamePosition() {
    Map<String, Long> at5 = Map.of("lanyard.identity-0", 5L);
    checksums.at(at5, null, compute);

    RebuildProgress rebuild = new RebuildProgress("identity.users");
    assertEquals("sum-2", checksums.at(at5, rebuild, compute), "a new rebuild: computed again");
    assertEquals("sum-3", checksums.at(at5, rebuild, compute), "while it runs: every time");

    rebuild.done(new RebuildProgress.Checksums("a", "a"));
    assertEquals("sum-4", checksums.at(at5, rebuild, compute), "switched in: once more");
    assertEquals("sum-4", checksums.at(at5, rebuild, compute));
    assertEquals(4, computed.get());
  }
}
