package io.lanyard.credential.application;

import io.lanyard.credential.domain.Actors;
import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.infra.CredentialCodedValues;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who changed, revealed or had emailed what of a user's credentials, and when (also what the
 * scheduler recorded: expiries, rotation notices, rotations): read from the user's event stream,
 * without hashes or ciphertexts. Reasons and sources are named as the events name them, which is
 * what an auditor compares with what was published.
 */
@ApplicationScoped
public class CredentialHistory {

  private final PgEventStore store;

  CredentialHistory(PgEventStore store) {
    this.store = store;
  }

  public Uni<List<Map<String, Object>>> of(String userId) {
    return store
        .load(userId)
        .map(stream -> stream.events().stream().map(CredentialHistory::entry).toList());
  }

  private static Map<String, Object> entry(StoredEvent stored) {
    CredentialEvent event = CredentialEventCodecs.CREDENTIALS.decode(stored);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", stored.occurredAt().toString());
    if (event instanceof CredentialEvent.AccessCodeChanged e) {
      entry.put("event", "access_code_changed");
      entry.put("by", e.changedBy());
      entry.put("reason", CredentialCodedValues.wire(e.reason()));
      entry.put("notifyUser", e.notifyUser());
      putIfThere(entry, "cause", e.cause() == null ? null : CredentialCodedValues.wire(e.cause()));
      putIfThere(entry, "validFrom", e.window().validFrom());
      putIfThere(entry, "expiresAt", e.window().expiresAt());
    } else if (event instanceof CredentialEvent.AccessCodeExpiryChanged e) {
      entry.put("event", "access_code_expiry_changed");
      entry.put("by", e.changedBy());
      putIfThere(entry, "validFrom", e.window().validFrom());
      // Always there: null says the code no longer expires.
      entry.put("expiresAt", text(e.window().expiresAt()));
    } else if (event instanceof CredentialEvent.AccessCodeExpired e) {
      entry.put("event", "access_code_expired");
      entry.put("by", Actors.SYSTEM);
      entry.put("expiredAt", text(e.expiredAt()));
    } else if (event instanceof CredentialEvent.AccessCodeRotationDue e) {
      entry.put("event", "access_code_rotation_due");
      entry.put("by", Actors.SYSTEM);
      entry.put("rotatesAt", text(e.rotatesAt()));
    } else if (event instanceof CredentialEvent.AccessCodeRevealed e) {
      entry.put("event", "access_code_revealed");
      entry.put("by", e.revealedBy());
    } else if (event instanceof CredentialEvent.CardRegistered e) {
      entry.put("event", "card_registered");
      entry.put("by", e.registeredBy());
      entry.put("cardId", e.cardId());
      entry.put("maskedNumber", e.maskedNumber());
      entry.put("source", CredentialCodedValues.wire(e.source()));
    } else if (event instanceof CredentialEvent.CardRemoved e) {
      entry.put("event", "card_removed");
      entry.put("by", e.removedBy());
      entry.put("cardId", e.cardId());
    } else if (event instanceof CredentialEvent.CredentialsRevoked e) {
      entry.put("event", "credentials_revoked");
      entry.put("reason", CredentialCodedValues.wire(e.reason()));
    } else if (event instanceof CredentialEvent.CardNumbersExported e) {
      // "card numbers exported by X": the numbers themselves are in no history.
      entry.put("event", "card_numbers_exported");
      entry.put("by", e.exportedBy());
    } else if (event instanceof CredentialEvent.AccessCodeEmailRequested e) {
      // Only the user themself asks for this (self-service).
      entry.put("event", "access_code_email_requested");
      entry.put("by", e.userId());
    }
    return entry;
  }

  private static void putIfThere(Map<String, Object> entry, String key, Object value) {
    if (value != null) {
      entry.put(key, value instanceof Instant instant ? text(instant) : value);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
