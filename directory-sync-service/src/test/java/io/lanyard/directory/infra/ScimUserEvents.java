package io.lanyard.directory.infra;

import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.directory.domain.DirectoryLink;
import io.lanyard.directory.domain.DirectoryLink.Event.DirectoryUserLinked;
import io.lanyard.directory.domain.scim.ScimName;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A SCIM user of tenant acme as identity's creation and directory-sync's link tell of them: {@code
 * name} "fay" is fay-&lt;id&gt;@acme.example, "Fay Tester", linked by entra-fay.
 */
final class ScimUserEvents {

  static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneOffset.UTC);

  private ScimUserEvents() {}

  static UserCreatedV1 creation(UUID id, String name) {
    return new UserCreatedV1(
        id,
        "acme",
        name + "-" + id + "@acme.example",
        fullName(name),
        name + "@acme.example",
        null,
        null,
        UserCreatedV1.Origin.SCIM,
        "entra-" + name,
        null,
        null,
        null,
        null);
  }

  static DirectoryLink.Event link(UUID id, String name) {
    return new DirectoryUserLinked(
        "acme",
        id.toString(),
        DirectoryLink.Source.SCIM,
        "entra-" + name,
        true,
        new ScimName(fullName(name), given(name), "Tester", null, null, null));
  }

  private static String given(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String fullName(String name) {
    return given(name) + " Tester";
  }
}
