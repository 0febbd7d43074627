package io.lanyard.credential.application;

import io.lanyard.credential.application.CredentialSecrets.SealedCard;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.CodeWindow;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.SealedSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A batch's new user's code and card (or none), checked, normalised and sealed: a directory's or an
 * import's ({@link BatchOrigin}).
 *
 * @param codeReason {@link CodeReason#DIRECTORY} (or {@link CodeReason#ADMIN} from an import) for a
 *     given code, {@link CodeReason#INITIAL} for one generated because there is none
 * @param window when the code works: a guest's window, else {@link CodeWindow#NONE}
 */
record SealedDirectoryUser(
    SealedSecret code,
    CodeReason codeReason,
    SealedCard card,
    BatchOrigin origin,
    CodeWindow window) {

  /** A directory's user, without a window. */
  SealedDirectoryUser(SealedSecret code, CodeReason codeReason, SealedCard card) {
    this(code, codeReason, card, BatchOrigin.DIRECTORY, CodeWindow.NONE);
  }

  /** Generated here: when another user holds it, another one will do. */
  boolean generated() {
    return codeReason == CodeReason.INITIAL;
  }

  /** A new stream's events: the first code, then the card. */
  List<CredentialEvent> events(String userId, String tenantId, int maxCards) {
    return events(Credentials.none(userId, tenantId), maxCards);
  }

  /**
   * The events from {@code state}: the first code (none if the user has one), then the card: the
   * directory's replaces its previous one, an import's is added like an admin's. A card the user
   * may not have (the limit, a deleted user) refuses the whole user.
   */
  List<CredentialEvent> events(Credentials state, int maxCards) {
    List<CredentialEvent> events =
        new ArrayList<>(
            state.initialCode(code, codeReason, window, origin.actor(), origin.cause()));
    for (CredentialEvent event : events) {
      state = state.evolve(event);
    }
    if (card == null) {
      return events;
    }
    String cardId = UUID.randomUUID().toString();
    events.addAll(
        origin == BatchOrigin.DIRECTORY
            ? state.replaceDirectoryCard(cardId, card.secret(), card.masked(), maxCards)
            : state.registerCard(
                cardId,
                card.secret(),
                card.masked(),
                null,
                origin.cardSource(),
                maxCards,
                origin.actor()));
    return events;
  }
}
