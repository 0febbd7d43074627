package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Text;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an admin or a directory says about a user, checked. Usernames keep their case for display
 * and are compared case-insensitively; emails are stored lower-case.
 */
public record UserProfile(
    String username, String displayName, String email, String orgUnit, String locale) {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}\\p{Cs}]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}([-_][A-Za-z]{2,4})?");

  public UserProfile {
    username = required("username", username);
    if (!USERNAME.matcher(username).matches()) {
      throw DomainException.invalidField(
          "username", "1 to 100 letters, digits and . _ @ + - (no spaces)");
    }
    displayName = Text.checked("displayName", required("displayName", displayName), 200);
    email = required("email", email).toLowerCase(Locale.ROOT);
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw DomainException.invalidField("email", "not an email address");
    }
    orgUnit = Text.checked("orgUnit", optional(orgUnit), 200);
    locale = optional(locale);
    if (locale != null && !LOCALE.matcher(locale).matches()) {
      throw DomainException.invalidField("locale", "a language tag such as en or de-CH");
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw DomainException.invalidField(field, "is required");
    }
    return value.strip();
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public boolean sameAs(UserProfile other) {
    return Objects.equals(this, other);
  }
}
