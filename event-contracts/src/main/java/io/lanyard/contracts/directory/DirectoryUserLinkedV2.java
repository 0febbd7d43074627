package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.directory.DirectoryUserLinked.v2}: a directory provisioned the
 * user. Its id of the user and the name's parts are {@code personal}, sealed under the user's data
 * key ({@link LinkPersonal}, ADR 7); the rest is {@link DirectoryUserLinkedV1}'s.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 *
 * @param externalIdGiven scim only: false when the SCIM client gave no externalId; null: given
 */
public record DirectoryUserLinkedV2(
    String tenantId,
    UUID userId,
    DirectoryUserLinkedV1.Source source,
    String personal,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean externalIdGiven) {

  public static final EventType TYPE = DirectoryEvents.DIRECTORY_USER_LINKED_V2;
}
