package io.lanyard.eventstore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderLoopTest {

  /** Long enough that a test finishing well within it shows the wait was cut short. */
  private static final Duration LONG = Duration.ofSeconds(30);

  TestDatabase db;

  @BeforeEach
  void freshDatabase() {
    db = TestDatabase.fresh("leader_loop");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void onlyTheLockHolderRunsRoundsAndTheOtherTakesOverWhenItStops() {
    AtomicInteger firstRounds = new AtomicInteger();
    AtomicInteger secondRounds = new AtomicInteger();
    AtomicInteger secondStandbys = new AtomicInteger();
    LeaderLoop first =
        new LeaderLoop(
            "first",
            db.lock("leader-loop"),
            Duration.ofMillis(50),
            () -> firstRounds.incrementAndGet() < 0);
    LeaderLoop second =
        new LeaderLoop(
            "second",
            db.lock("leader-loop"),
            Duration.ofMillis(50),
            () -> secondRounds.incrementAndGet() < 0,
            secondStandbys::incrementAndGet);
    try {
      first.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> firstRounds.get() >= 2);
      second.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> secondStandbys.get() >= 3);
      assertTrue(first.isActive());
      assertFalse(second.isLeader());
      assertEquals(0, secondRounds.get(), "one replica works at a time");

      first.stop();
      assertFalse(first.isLeader(), "stop lets the lock go");
      assertFalse(first.isActive());
      await().atMost(Duration.ofSeconds(10)).until(() -> secondRounds.get() >= 1);
      assertTrue(second.isActive());
    } finally {
      first.stop();
      second.stop();
    }
  }

  @Test
  void aRoundWithMoreToDoIsFollowedAtOnceAndAnIdleOneWaitsForAWakeUp() {
    AtomicInteger rounds = new AtomicInteger();
    // Five rounds with more to do, then idle: a 30 s wait that only a wake-up ends in time.
    LeaderLoop loop =
        new LeaderLoop(
            "busy", db.lock("leader-loop-busy"), LONG, () -> rounds.incrementAndGet() < 5);
    try {
      loop.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 5);
      loop.wake();
      await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 6);
    } finally {
      loop.stop();
    }
  }

  @Test
  void stopCutsTheWaitShortAndAFailedRoundIsTriedAgain() {
    AtomicInteger rounds = new AtomicInteger();
    LeaderLoop loop =
        new LeaderLoop(
            "failing",
            db.lock("leader-loop-failing"),
            Duration.ofMillis(50),
            () -> {
              if (rounds.incrementAndGet() < 3) {
                throw new IllegalStateException("database away");
              }
              return false;
            });
    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 4);
    loop.stop();

    LeaderLoop idle = new LeaderLoop("idle", db.lock("leader-loop-failing"), LONG, () -> false);
    idle.start();
    await().atMost(Duration.ofSeconds(10)).until(idle::isActive);
    long stopping = System.nanoTime();
    idle.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - stopping);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "stop waited " + took);
    assertFalse(idle.isRunning());
    try (LeaderLock next = db.lock("leader-loop-failing")) {
      assertTrue(next.tryAcquire(), "the lock is free after stop");
    }
  }
}
