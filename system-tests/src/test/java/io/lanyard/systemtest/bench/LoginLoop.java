package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.Device;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Device logins by card, one after another on each of a few threads, counted: a rough figure of
 * what the gateway answers while something else runs. Cards, because a regeneration changes every
 * code while it runs and leaves the cards alone.
 */
final class LoginLoop {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Thread[] threads;
  private final long started = System.nanoTime();

  /** What the loop saw: logins answered 200 per second, and how many were not 200. */
  record Rate(double perSecond, long logins, long notOk, double seconds) {}

  private LoginLoop(Device device, List<String> cards, int threadCount) {
    threads = new Thread[threadCount];
    for (int t = 0; t < threadCount; t++) {
      int first = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = first; running.get(); i += threadCount) {
                  int status = device.loginByCard(cards.get(i % cards.size())).status();
                  (status == 200 ? answered : refused).incrementAndGet();
                }
              },
              "login-loop-" + t);
      threads[t].setDaemon(true);
      threads[t].start();
    }
  }

  static LoginLoop start(Device device, List<String> cards, int threads) {
    return new LoginLoop(device, cards, threads);
  }

  /** Lets the loop run {@code seconds} more, then stops it. */
  Rate stopAfter(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
    return stop();
  }

  Rate stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Rate(answered.get() / seconds, answered.get(), refused.get(), seconds);
  }
}
