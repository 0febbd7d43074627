package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserLinked.v1}: a directory provisioned the
 * user: its identity of the user is externalId.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 *
 * @param externalIdGiven scim only: false when the SCIM client gave no externalId (externalId is
 *     then the userName Lanyard keys the user by); null (as in every event before it existed):
 *     given
 * @param name scim only: the User's name as the SCIM client last gave it; null: none given
 */
public record DirectoryUserLinkedV1(
    String tenantId,
    UUID userId,
    Source source,
    String externalId,
    Boolean externalIdGiven,
    Name name) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_LINKED;

  /** A link without the SCIM-only properties (Google's, and every event written before them). */
  public DirectoryUserLinkedV1(String tenantId, UUID userId, Source source, String externalId) {
    this(tenantId, userId, source, externalId, null, null);
  }

  /** source's coded values; {@link WireValues} reads and writes them. */
  public enum Source {
    @JsonProperty("scim")
    SCIM,
    @JsonProperty("google")
    GOOGLE
  }

  /** name: RFC 7643 §4.1.1's sub-attributes, each as the client sent it, or null. */
  public record Name(
      String formatted,
      String givenName,
      String familyName,
      String middleName,
      String honorificPrefix,
      String honorificSuffix) {}
}
