package io.lanyard.e2e;

import io.lanyard.systemtest.harness.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls sent at once, as a device's parallel attempts arrive: every call waits at a gate on a
 * thread of its own and all are released together (or one every {@code spacing}, none waiting for
 * another's answer); the answers come back in the calls' order.
 */
final class Burst {

  private Burst() {}

  static List<Api.Answer> send(List<Supplier<Api.Answer>> calls) {
    return send(calls, Duration.ZERO);
  }

  static List<Api.Answer> send(List<Supplier<Api.Answer>> calls, Duration spacing) {
    ExecutorService threads = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Api.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Supplier<Api.Answer> call = calls.get(i);
        long delay = spacing.toMillis() * i;
        answers.add(
            threads.submit(
                () -> {
                  gate.await();
                  Thread.sleep(delay);
                  return call.get();
                }));
      }
      gate.countDown();
      List<Api.Answer> answered = new ArrayList<>();
      for (Future<Api.Answer> answer : answers) {
        answered.add(answer.get(60, TimeUnit.SECONDS));
      }
      return answered;
    } catch (Exception e) {
      throw new AssertionError("a burst's call failed", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
