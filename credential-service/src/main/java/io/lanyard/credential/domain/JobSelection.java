package io.lanyard.credential.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which of a tenant's users a job works on: exactly one of these users, an organisational unit with
 * its children ({@code /Staff} is {@code /Staff} and {@code /Staff/...}, not {@code /Staffing}), a
 * filter on status and origin, or every user. Deleted users are never selected.
 *
 * @param status {@code active} or {@code suspended}; with {@code origin}, a filter
 * @param origin {@code manual}, {@code google} or {@code scim}
 */
public record JobSelection(
    List<UUID> userIds, String orgUnit, String status, String origin, boolean all) {

  /** The most users a job may name one by one. */
  public static final int MOST_USER_IDS = 100_000;

  /** An organisational unit's path, as the events allow it. */
  public static final int MOST_IN_AN_ORG_UNIT = 200;

  private static final Set<String> STATUSES = Set.of("active", "suspended");
  private static final Set<String> ORIGINS = Set.of("manual", "google", "scim");

  public JobSelection {
    userIds = userIds == null ? null : List.copyOf(userIds);
  }

  public static JobSelection ofUsers(List<UUID> ids) {
    if (ids.isEmpty() || ids.size() > MOST_USER_IDS) {
      throw invalid("userIds holds 1 to " + MOST_USER_IDS + " user ids");
    }
    // The same user named twice is done once.
    return new JobSelection(List.copyOf(new LinkedHashSet<>(ids)), null, null, null, false);
  }

  /** An organisational unit, with a trailing slash or without ({@code /} is every unit). */
  public static JobSelection ofOrgUnit(String path) {
    String problem = path == null ? "is missing" : Text.lineProblem(path, MOST_IN_AN_ORG_UNIT);
    if (problem != null || !path.startsWith("/")) {
      throw invalid("orgUnit is a path such as /Staff (at most " + MOST_IN_AN_ORG_UNIT + ")");
    }
    String unit =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return new JobSelection(null, unit, null, null, false);
  }

  public static JobSelection ofFilter(String status, String origin) {
    if (status == null && origin == null) {
      throw invalid("a filter names a status, an origin or both; for every user say \"all\":true");
    }
    if (status != null && !STATUSES.contains(status)) {
      throw invalid("filter.status is active or suspended");
    }
    if (origin != null && !ORIGINS.contains(origin)) {
      throw invalid("filter.origin is manual, google or scim");
    }
    return new JobSelection(null, null, status, origin, false);
  }

  public static JobSelection ofAll() {
    return new JobSelection(null, null, null, null, true);
  }

  public boolean byUserIds() {
    return userIds != null;
  }

  /**
   * The pattern of the unit's children for SQL {@code LIKE} (with {@code \} escaping), e.g. {@code
   * /Staff/%}: a unit's own name is compared whole, so {@code /Staffing} is not a child.
   */
  public String childrenPattern() {
    String escaped = orgUnit.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return ("/".equals(orgUnit) ? "" : escaped) + "/%";
  }

  /** The refusal of a selection that is not one of the four forms. */
  public static DomainException invalid(String message) {
    return DomainException.invalid("invalid_selection", message);
  }
}
