package io.lanyard.credential.application;

import io.lanyard.credential.application.CredentialSecrets.SealedCard;
import io.lanyard.credential.domain.Actors;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.SealedSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A directory's new user's code and card (or none), checked, normalised and sealed.
 *
 * @param codeReason {@link CodeReason#DIRECTORY} for the directory's code, {@link
 *     CodeReason#INITIAL} for one generated because it has none
 */
record SealedDirectoryUser(SealedSecret code, CodeReason codeReason, SealedCard card) {

  /** Generated here: when another user holds it, another one will do. */
  boolean generated() {
    return codeReason == CodeReason.INITIAL;
  }

  /** The new stream's events: the first code, then the directory's card. */
  List<CredentialEvent> events(String userId, String tenantId, int maxCards) {
    Credentials state = Credentials.none(userId, tenantId);
    List<CredentialEvent> events =
        new ArrayList<>(state.initialCode(code, codeReason, Actors.DIRECTORY));
    for (CredentialEvent event : events) {
      state = state.evolve(event);
    }
    if (card != null) {
      events.addAll(
          state.replaceDirectoryCard(
              UUID.randomUUID().toString(), card.secret(), card.masked(), maxCards));
    }
    return events;
  }
}
