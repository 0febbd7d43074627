package io.lanyard.directory.application;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Requests of one lane (a tenant) that arrive while the lane is busy wait and are then done
 * together: a SCIM client sending creates in parallel gets them done with one call per service
 * instead of one each, without waiting for a timer. A lone request runs at once, on its own. At
 * most {@code runsAtOnce} runs go per lane; requests that share a key (the same userName) never go
 * in the same run.
 *
 * @param <T> a request
 * @param <R> its answer
 */
final class CreateLanes<T, R> {

  /** A request waiting in a run: answered by the run, or failed with the run's failure. */
  static final class Waiting<T, R> {
    private final T request;
    private final CompletableFuture<R> answer = new CompletableFuture<>();

    Waiting(T request) {
      this.request = request;
    }

    T request() {
      return request;
    }

    void answer(R value) {
      answer.complete(value);
    }

    void fail(Throwable failure) {
      answer.completeExceptionally(failure);
    }

    /** Answers with what {@code work} answers. */
    Uni<Void> answerWith(Uni<R> work) {
      return work.onItemOrFailure()
          .invoke(
              (value, failure) -> {
                if (failure != null) {
                  fail(failure);
                } else {
                  answer(value);
                }
              })
          .onFailure()
          .recoverWithNull()
          .replaceWithVoid();
    }
  }

  /** How requests are done: one on its own, or several in one run. */
  interface Runs<T, R> {
    Uni<R> alone(String lane, T request);

    /** Answers (or fails) each of {@code together}; what it leaves unanswered fails. */
    Uni<Void> together(String lane, List<Waiting<T, R>> together);
  }

  private static final class Lane<T, R> {
    final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    int running;
  }

  private final int runsAtOnce;
  private final int mostTogether;
  private final Function<T, Set<String>> keys;
  private final Runs<T, R> runs;
  private final Map<String, Lane<T, R>> lanes = new ConcurrentHashMap<>();

  /**
   * @param keys what two requests of one run may not share
   */
  CreateLanes(int runsAtOnce, int mostTogether, Function<T, Set<String>> keys, Runs<T, R> runs) {
    this.runsAtOnce = runsAtOnce;
    this.mostTogether = mostTogether;
    this.keys = keys;
    this.runs = runs;
  }

  Uni<R> submit(String lane, T request) {
    Waiting<T, R> waiting = new Waiting<>(request);
    Lane<T, R> queue = lanes.computeIfAbsent(lane, name -> new Lane<>());
    synchronized (queue) {
      queue.waiting.add(waiting);
    }
    Context caller = Vertx.currentContext();
    runNext(lane, queue);
    Uni<R> answer = Uni.createFrom().completionStage(waiting.answer);
    // The answer comes from whichever run did the request: continue on the caller's own context.
    return caller == null
        ? answer
        : answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }

  private void runNext(String lane, Lane<T, R> queue) {
    List<Waiting<T, R>> run = new ArrayList<>();
    synchronized (queue) {
      if (queue.running >= runsAtOnce || queue.waiting.isEmpty()) {
        return;
      }
      Set<String> taken = new HashSet<>();
      Iterator<Waiting<T, R>> next = queue.waiting.iterator();
      while (next.hasNext() && run.size() < mostTogether) {
        Waiting<T, R> candidate = next.next();
        Set<String> its = keys.apply(candidate.request());
        if (its.stream().anyMatch(taken::contains)) {
          continue;
        }
        taken.addAll(its);
        run.add(candidate);
        next.remove();
      }
      queue.running++;
    }
    Uni<Void> work =
        run.size() == 1
            ? run.get(0)
                .answerWith(Uni.createFrom().deferred(() -> runs.alone(lane, run.get(0).request())))
            : Uni.createFrom().deferred(() -> runs.together(lane, run));
    work.onTermination()
        .invoke(
            (ignored, failure, cancelled) -> {
              IllegalStateException unanswered =
                  new IllegalStateException("a run ended without answering a request");
              run.forEach(waiting -> waiting.fail(failure != null ? failure : unanswered));
              synchronized (queue) {
                queue.running--;
              }
              runNext(lane, queue);
            })
        .subscribe()
        .with(ignored -> {}, failure -> {});
  }
}
