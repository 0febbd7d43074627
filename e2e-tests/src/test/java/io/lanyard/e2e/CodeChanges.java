package io.lanyard.e2e;

import io.lanyard.systemtest.harness.Api;
import io.lanyard.systemtest.harness.ServiceProcess;
import io.lanyard.systemtest.harness.Tenant;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An admin's changes of users' access codes while services die, restart or lose PostgreSQL, and
 * what each answer says about whether the change happened: the tests that check no acknowledged
 * change is lost compare the printer against this.
 */
final class CodeChanges {

  enum Outcome {
    APPLIED,
    REFUSED,
    UNKNOWN
  }

  record Change(String code, Outcome outcome) {}

  /** What a test keeps of a user it created: its own kind of {@link User}, or just the code. */
  interface NewUser<U> {
    U of(String id, String email, String firstCode);
  }

  private CodeChanges() {}

  /**
   * Users {@code user<from>}..{@code user<to - 1>} at {@code domain}, created over SCIM each with a
   * first code of {@code codes}.
   */
  static <U> List<U> createUsers(
      Tenant.ScimEndpoint scim, int from, int to, String domain, Codes codes, NewUser<U> user) {
    List<U> users = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String email = "user" + i + domain;
      String code = codes.next();
      String id = scim.createUser(email, "User " + i, code).expect(201).json().get("id").asText();
      users.add(user.of(id, email, code));
    }
    return users;
  }

  /**
   * Asks {@code at} to change {@code user}'s code and records the change with what the answer says
   * happened; {@code notApplied} sees every answer but a 200.
   */
  static Outcome change(
      Tenant tenant,
      ServiceProcess at,
      User user,
      String code,
      boolean notifyUser,
      Consumer<Api.Answer> notApplied) {
    Outcome outcome;
    try {
      Api.Answer answer =
          Api.send(
              "PUT",
              at.url("/admin/v1/credentials/" + user.id + "/access-code"),
              tenant.adminToken(),
              "application/json",
              "{\"code\":\"" + code + "\",\"notifyUser\":" + notifyUser + "}");
      if (answer.status() == 200) {
        outcome = Outcome.APPLIED;
      } else {
        notApplied.accept(answer);
        // A 5xx may come after the change was stored; a 4xx never does.
        outcome = answer.status() >= 500 ? Outcome.UNKNOWN : Outcome.REFUSED;
      }
    } catch (UncheckedIOException e) {
      // Refused connection: nothing was sent. Anything else: it may have been applied.
      outcome = e.getCause() instanceof ConnectException ? Outcome.REFUSED : Outcome.UNKNOWN;
    }
    user.add(new Change(code, outcome));
    return outcome;
  }

  static Outcome change(
      Tenant tenant, ServiceProcess at, User user, String code, boolean notifyUser) {
    return change(tenant, at, user, code, notifyUser, answer -> {});
  }

  /**
   * A user and every change of their code a test asked for, in order. Synchronized: a stream's
   * thread adds while the test reads.
   */
  static class User {
    final String id;
    final String email;
    private final List<Change> changes = new ArrayList<>();

    /** With {@code firstCode} applied, or with no change yet if it is null. */
    User(String id, String email, String firstCode) {
      this.id = id;
      this.email = email;
      if (firstCode != null) {
        changes.add(new Change(firstCode, Outcome.APPLIED));
      }
    }

    synchronized void add(Change change) {
      changes.add(change);
    }

    synchronized List<Change> changes() {
      return List.copyOf(changes);
    }

    /** Once the printer settled a change's doubt: what it showed happened. */
    synchronized void replace(int index, Change change) {
      changes.set(index, change);
    }

    /** The codes one of which must work now: the last applied, or a later one without answer. */
    synchronized List<String> candidates() {
      List<String> candidates = new ArrayList<>();
      for (Change change : changes) {
        if (change.outcome() == Outcome.APPLIED) {
          candidates.clear();
          candidates.add(change.code());
        } else if (change.outcome() == Outcome.UNKNOWN) {
          candidates.add(change.code());
        }
      }
      return candidates;
    }

    /** The last change that got a 2xx before {@code code}'s, if any. */
    synchronized Optional<String> appliedBefore(String code) {
      String previous = null;
      for (Change change : changes) {
        if (change.code().equals(code)) {
          return Optional.ofNullable(previous);
        }
        if (change.outcome() == Outcome.APPLIED) {
          previous = change.code();
        }
      }
      throw new IllegalArgumentException(code + " was never asked for");
    }
  }

  /** Codes no one in the tenant had: two letters and four digits, never trivial. */
  static final class Codes {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private final SecureRandom random = new SecureRandom();
    private final Set<String> used = new HashSet<>();

    synchronized String next() {
      while (true) {
        String code =
            "%c%c%04d"
                .formatted(
                    LETTERS.charAt(random.nextInt(LETTERS.length())),
                    LETTERS.charAt(random.nextInt(LETTERS.length())),
                    random.nextInt(10_000));
        if (used.add(code)) {
          return code;
        }
      }
    }
  }
}
