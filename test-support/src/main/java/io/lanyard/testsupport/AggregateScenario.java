package io.lanyard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;

/**
 * Given past events, when a command is decided, then these events (or this refusal). An aggregate
 * here is a fold of its history plus decisions that return new events, so its rules are tested as
 * plain functions: no Quarkus, no database, and the test reads as the rule it checks.
 *
 * <p>Refusals are matched on a {@code code()} where the exception has one (the kernel's {@code
 * DomainException}, found by name so this module need not depend on the kernel), else on a part of
 * the message.
 */
public final class AggregateScenario<S, E> {

  private final Function<List<E>, S> fold;
  private S state;
  private Function<S, List<E>> command;

  private AggregateScenario(Function<List<E>, S> fold) {
    this.fold = fold;
  }

  /** A scenario for the aggregate that {@code fold} rebuilds from its events. */
  public static <S, E> AggregateScenario<S, E> of(Function<List<E>, S> fold) {
    return new AggregateScenario<>(fold);
  }

  @SafeVarargs
  public final AggregateScenario<S, E> given(E... history) {
    return given(List.of(history));
  }

  public AggregateScenario<S, E> given(List<E> history) {
    state = fold.apply(history);
    return this;
  }

  public AggregateScenario<S, E> when(Function<S, List<E>> decision) {
    command = decision;
    return this;
  }

  /** The events the decision produces, in order; none given means it records nothing. */
  @SafeVarargs
  public final List<E> then(E... expected) {
    List<E> produced = decide();
    assertEquals(List.of(expected), produced, "events decided");
    return produced;
  }

  /** The decision refuses with {@code type}, its code (or a part of its message) as given. */
  public <X extends Throwable> X thenRefused(Class<X> type, String codeOrMessagePart) {
    X refusal = assertThrows(type, this::decide, "expected a refusal");
    String code = codeOf(refusal);
    if (code != null) {
      assertEquals(codeOrMessagePart, code, "refusal code");
    } else {
      String message = String.valueOf(refusal.getMessage());
      assertTrue(message.contains(codeOrMessagePart), "refusal message: " + message);
    }
    return refusal;
  }

  private List<E> decide() {
    assertNotNull(command, "when(...) names the decision");
    return command.apply(state == null ? fold.apply(List.of()) : state);
  }

  private static String codeOf(Throwable refusal) {
    try {
      Method code = refusal.getClass().getMethod("code");
      return code.invoke(refusal) instanceof String text ? text : null;
    } catch (ReflectiveOperationException noCode) {
      return null;
    }
  }
}
