package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.web.UtcTimes;
import java.util.Map;
import java.util.Set;

/**
 * The "Add guest" form as typed (the window as the browser's {@code datetime-local} values, read as
 * UTC), with a refusal by field, or one for the whole form.
 */
public record GuestForm(
    String username,
    String displayName,
    String email,
    String validFrom,
    String validUntil,
    Map<String, String> errors,
    String problem,
    boolean open) {

  static final Set<String> FIELDS =
      Set.of("username", "displayName", "email", "validFrom", "validUntil");

  /** An empty form, its window starting now and lasting a day. */
  static GuestForm empty() {
    return new GuestForm(
        "", "", "", UtcTimes.inputFromNow(0), UtcTimes.inputFromNow(24), Map.of(), null, false);
  }

  GuestForm refused(Map<String, String> fieldErrors, String formProblem) {
    return new GuestForm(
        username, displayName, email, validFrom, validUntil, fieldErrors, formProblem, true);
  }

  /** The service's refusal, next to the field it names, or above the form. */
  GuestForm refused(ApiProblem problem) {
    String field = fieldOf(problem);
    return field == null
        ? refused(Map.of(), problem.said())
        : refused(Map.of(field, problem.said()), null);
  }

  public String error(String field) {
    return errors.get(field);
  }

  /** {@code invalid_valid_until} or a message starting {@code "validUntil:"}: the form's field. */
  static String fieldOf(ApiProblem problem) {
    String snake = problem.field();
    if (snake != null) {
      String camel = camel(snake);
      if (FIELDS.contains(camel)) {
        return camel;
      }
    }
    String subject = problem.subject();
    return subject != null && FIELDS.contains(subject) ? subject : null;
  }

  private static String camel(String snake) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }
}
