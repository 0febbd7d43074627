package io.lanyard.directory.domain.google;

import io.lanyard.kernel.DomainException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a tenant's Google Workspace is read: whose directory (a customer id or a domain), as which
 * admin (domain-wide delegation), from where (the API's root URL), how often, which users (all, or
 * chosen org units with their children), and what a run may change.
 */
public record GoogleSettings(
    String customerId,
    String domain,
    String adminSubject,
    String apiRootUrl,
    SyncMode syncMode,
    int intervalMinutes,
    Source source,
    List<String> orgUnits,
    boolean deleteRemovedUsers,
    boolean syncAccessCodes,
    boolean syncCardNumbers) {

  public static final String DEFAULT_API_ROOT = "https://admin.googleapis.com/";
  public static final int SHORTEST_INTERVAL = 5;
  public static final int LONGEST_INTERVAL = 24 * 60;

  private static final Pattern CUSTOMER = Pattern.compile("my_customer|[A-Za-z0-9]{1,40}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");
  private static final int MAX_URL = 2048;
  private static final int MAX_ORG_UNITS = 200;
  private static final int MAX_ORG_UNIT_PATH = 1024;

  /**
   * Run on the interval (and on Google's push notifications), or only when an admin asks. The admin
   * API names it in lower case; events carry it as their own enum (the codec maps the two).
   */
  public enum SyncMode {
    AUTOMATIC,
    MANUAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static SyncMode fromWire(String value) {
      for (SyncMode mode : values()) {
        if (mode.wire().equals(value)) {
          return mode;
        }
      }
      throw DomainException.invalidField("syncMode", "is automatic or manual");
    }
  }

  /** Every user of the directory, or those of chosen org units (and their children). */
  public enum Source {
    ALL,
    ORG_UNITS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Source fromWire(String value) {
      for (Source source : values()) {
        if (source.wire().equals(value)) {
          return source;
        }
      }
      throw DomainException.invalidField("source", "is all or org_units");
    }
  }

  public GoogleSettings {
    // Checked as given, before trimming (which would drop control characters at either end).
    requireNoControlCharacter("customerId", customerId);
    requireNoControlCharacter("domain", domain);
    requireNoControlCharacter("adminSubject", adminSubject);
    requireNoControlCharacter("apiRootUrl", apiRootUrl);
    customerId = blankToNull(customerId);
    domain = blankToNull(domain) == null ? null : domain.trim().toLowerCase(Locale.ROOT);
    if (customerId == null && domain == null) {
      throw DomainException.invalidField(
          "customerId", "give a customerId (\"my_customer\" for the admin's own) or a domain");
    }
    if (customerId != null && !CUSTOMER.matcher(customerId).matches()) {
      throw DomainException.invalidField(
          "customerId", "is \"my_customer\" or a Google customer id such as C03az79cb");
    }
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      throw DomainException.invalidField("domain", "is a domain name such as example.com");
    }
    if (adminSubject == null || !EMAIL.matcher(adminSubject.trim()).matches()) {
      throw DomainException.invalidField(
          "adminSubject", "is the email of the admin the service account acts as");
    }
    adminSubject = adminSubject.trim();
    apiRootUrl = blankToNull(apiRootUrl) == null ? DEFAULT_API_ROOT : apiRootUrl.trim();
    if (apiRootUrl.length() > MAX_URL || !URL.matcher(apiRootUrl).matches()) {
      throw DomainException.invalidField(
          "apiRootUrl", "is an http(s) URL of at most " + MAX_URL + " characters");
    }
    if (!apiRootUrl.endsWith("/")) {
      apiRootUrl = apiRootUrl + "/";
    }
    if (syncMode == null) {
      throw DomainException.invalidField("syncMode", "is automatic or manual");
    }
    if (intervalMinutes < SHORTEST_INTERVAL || intervalMinutes > LONGEST_INTERVAL) {
      throw DomainException.invalidField(
          "intervalMinutes",
          "is between " + SHORTEST_INTERVAL + " and " + LONGEST_INTERVAL + " minutes");
    }
    if (source == null) {
      throw DomainException.invalidField("source", "is all or org_units");
    }
    orgUnits = source == Source.ALL ? List.of() : orgUnits(orgUnits);
  }

  private static List<String> orgUnits(List<String> given) {
    if (given == null || given.isEmpty()) {
      throw DomainException.invalidField("orgUnits", "name at least one org unit, such as /Staff");
    }
    if (given.size() > MAX_ORG_UNITS) {
      throw DomainException.invalidField(
          "orgUnits", "name at most " + MAX_ORG_UNITS + " org units");
    }
    LinkedHashSet<String> units = new LinkedHashSet<>();
    for (String unit : given) {
      String path = unit == null ? "" : unit.trim();
      if (!path.startsWith("/")
          || path.length() > 1 && path.endsWith("/")
          || path.length() > MAX_ORG_UNIT_PATH
          || hasControlCharacter(path)) {
        // The value is not repeated: it may be long or hold control characters.
        throw DomainException.invalidField(
            "orgUnits",
            "are org unit paths such as /Staff or /Staff/Teachers (at most "
                + MAX_ORG_UNIT_PATH
                + " characters, no control characters)");
      }
      units.add(path);
    }
    return List.copyOf(units);
  }

  /** Whether a user in this org unit is synced: their unit is a chosen one or inside one. */
  public boolean inScope(String orgUnitPath) {
    if (source == Source.ALL) {
      return true;
    }
    String path = orgUnitPath == null || orgUnitPath.isBlank() ? "/" : orgUnitPath;
    for (String unit : orgUnits) {
      if (unit.equals("/") || path.equals(unit) || path.startsWith(unit + "/")) {
        return true;
      }
    }
    return false;
  }

  /** C0 and C1 control characters (NUL, line breaks, escapes): never part of a setting. */
  static boolean hasControlCharacter(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  private static void requireNoControlCharacter(String field, String value) {
    if (value != null && hasControlCharacter(value)) {
      throw DomainException.invalidField(field, "holds a control character");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
