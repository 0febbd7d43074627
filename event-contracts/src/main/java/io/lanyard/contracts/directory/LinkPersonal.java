package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a {@code DirectoryUserLinked.v2}'s {@code personal} opens to (ADR 7): the directory's id of
 * the person (for a SCIM user without an externalId, their userName) and the name's parts a SCIM
 * client gave. Not an event: it only ever travels sealed under the user's data key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinkPersonal(
    String externalId, @JsonInclude(JsonInclude.Include.NON_NULL) DirectoryUserLinkedV1.Name name) {

  @Override
  public String toString() {
    return "LinkPersonal[…]";
  }
}
