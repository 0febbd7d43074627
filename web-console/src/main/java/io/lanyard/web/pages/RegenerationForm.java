package io.lanyard.web.pages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Regenerate codes" as chosen: whom ({@code all}, an organisational unit with its children, or
 * users by status and origin) and whether each user is emailed the new code.
 */
public record RegenerationForm(
    String selection,
    String orgUnit,
    String status,
    String origin,
    boolean notifyUsers,
    Map<String, String> errors) {

  static RegenerationForm empty() {
    return new RegenerationForm("all", "", "", "", true, Map.of());
  }

  public String error(String field) {
    return errors.get(field);
  }

  RegenerationForm withError(String field, String message) {
    return new RegenerationForm(
        selection, orgUnit, status, origin, notifyUsers, Map.of(field, message));
  }

  /**
   * The job's body, with exactly one selection; null when the chosen selection lacks what it needs
   * (an organisational unit).
   */
  Map<String, Object> job() {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("kind", "regenerate_codes");
    job.put("notify", notifyUsers);
    switch (selection) {
      case "org_unit" -> {
        if (orgUnit.isEmpty()) {
          return null;
        }
        job.put("orgUnit", orgUnit);
      }
      case "filter" -> {
        Map<String, Object> filter = new LinkedHashMap<>();
        if (!status.isEmpty()) {
          filter.put("status", status);
        }
        if (!origin.isEmpty()) {
          filter.put("origin", origin);
        }
        job.put("filter", filter);
      }
      default -> job.put("all", true);
    }
    return job;
  }
}
