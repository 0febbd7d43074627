package io.lanyard.credential.application;

import io.lanyard.credential.domain.CredentialEvent;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.Credentials;
import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.credential.infra.DueCodes.DueCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the scheduler does to one code: each action its own transaction on the user's stream,
 * appended with the version loaded, decided again from the stream's events (so a code another pass
 * or replica has acted on, or anyone has replaced, gets nothing a second time). Each answers
 * whether it appended.
 */
@ApplicationScoped
public class ScheduledCodeActions {

  private final CredentialStreams streams;
  private final CredentialSecrets secrets;

  ScheduledCodeActions(CredentialStreams streams, CredentialSecrets secrets) {
    this.streams = streams;
    this.secrets = secrets;
  }

  /** Records that the code's deadline has passed ({@code AccessCodeExpired}). */
  public Uni<Boolean> expire(DueCode code, Instant now) {
    return act(code, credentials -> credentials.expire(now));
  }

  /** Warns the user that the code is rotated at {@code rotatesAt}. */
  public Uni<Boolean> noticeRotation(DueCode code, Instant rotatesAt) {
    return act(code, credentials -> credentials.noticeRotation(code.codeHash(), rotatesAt));
  }

  /**
   * Replaces the code by a generated one, emailed to the user. A generated code another user holds
   * fails this action (code_in_use); the next pass tries another. A code that expired since it was
   * selected is left as it is.
   */
  public Uni<Boolean> rotate(DueCode code, CredentialPolicy policy, Instant now) {
    SealedSecret fresh = secrets.code(code.tenantId(), policy, null);
    return act(code, credentials -> credentials.rotate(code.codeHash(), fresh, now));
  }

  private Uni<Boolean> act(DueCode code, Function<Credentials, List<CredentialEvent>> decide) {
    String userId = code.userId().toString();
    // A lost race re-runs the decision: what the last one decided is what was appended.
    AtomicBoolean appended = new AtomicBoolean();
    return streams
        .of(userId, code.tenantId())
        .execute(
            userId,
            code.tenantId(),
            credentials -> {
              List<CredentialEvent> events = decide.apply(credentials);
              appended.set(!events.isEmpty());
              return events;
            },
            tx -> Uni.createFrom().item(appended::get));
  }
}
