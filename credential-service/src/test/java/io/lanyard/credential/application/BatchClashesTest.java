package io.lanyard.credential.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lanyard.credential.application.CredentialSecrets.SealedCard;
import io.lanyard.credential.application.DirectoryBatchProvisioning.BatchResult;
import io.lanyard.credential.domain.CodeReason;
import io.lanyard.credential.domain.SealedSecret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which users of a directory's batch are started together, done alone, or refused. */
class BatchClashesTest {

  static final UUID ADA = new UUID(0, 1);
  static final UUID BOB = new UUID(0, 2);
  static final UUID CY = new UUID(0, 3);

  static SealedDirectoryUser directoryCode(String codeHash, String cardHash) {
    return new SealedDirectoryUser(
        new SealedSecret(codeHash, "k1:x"),
        CodeReason.DIRECTORY,
        cardHash == null ? null : new SealedCard(new SealedSecret(cardHash, "k1:y"), "••••0001"));
  }

  static SealedDirectoryUser generatedCode(String codeHash) {
    return new SealedDirectoryUser(new SealedSecret(codeHash, "k1:x"), CodeReason.INITIAL, null);
  }

  static Map<UUID, SealedDirectoryUser> batch(Object... userThenSealed) {
    Map<UUID, SealedDirectoryUser> users = new LinkedHashMap<>();
    for (int i = 0; i < userThenSealed.length; i += 2) {
      users.put((UUID) userThenSealed[i], (SealedDirectoryUser) userThenSealed[i + 1]);
    }
    return users;
  }

  static List<String> refusals(BatchClashes.Verdict verdict) {
    return verdict.refused().stream()
        .map(BatchResult::refused)
        .map(refused -> refused.code())
        .toList();
  }

  @Test
  void usersWithFreeCodesAndCardsAreAllAcceptedInTheirOrder() {
    BatchClashes.Verdict verdict =
        BatchClashes.of(
            batch(ADA, directoryCode("k1:a", "k1:card-a"), BOB, directoryCode("k1:b", null)),
            Set.of());
    assertEquals(List.of(ADA, BOB), verdict.accepted());
    assertEquals(List.of(), verdict.generatedTaken());
    assertEquals(List.of(), verdict.refused());
  }

  @Test
  void aCodeOrCardHeldAlreadyRefusesThatUserOnly() {
    BatchClashes.Verdict verdict =
        BatchClashes.of(
            batch(
                ADA, directoryCode("k1:held", null),
                BOB, directoryCode("k1:b", "k1:held-card"),
                CY, directoryCode("k1:c", "k1:card-c")),
            Set.of("code:k1:held", "card:k1:held-card"));
    assertEquals(List.of(CY), verdict.accepted());
    assertEquals(List.of(ADA, BOB), verdict.refused().stream().map(BatchResult::userId).toList());
    assertEquals(List.of("code_in_use", "card_in_use"), refusals(verdict));
  }

  @Test
  void withinTheBatchTheFirstUserAskingWins() {
    BatchClashes.Verdict verdict =
        BatchClashes.of(
            batch(
                ADA, directoryCode("k1:same", "k1:card-a"),
                BOB, directoryCode("k1:same", null),
                CY, directoryCode("k1:c", "k1:card-a")),
            Set.of());
    assertEquals(List.of(ADA), verdict.accepted());
    assertEquals(List.of(BOB, CY), verdict.refused().stream().map(BatchResult::userId).toList());
    assertEquals(List.of("code_in_use", "card_in_use"), refusals(verdict));
  }

  @Test
  void aGeneratedCodeInUseIsNoRefusalTheUserIsDoneAloneWithAnotherOne() {
    BatchClashes.Verdict verdict =
        BatchClashes.of(
            batch(ADA, generatedCode("k1:held"), BOB, generatedCode("k1:b")),
            Set.of("code:k1:held"));
    assertEquals(List.of(BOB), verdict.accepted());
    assertEquals(List.of(ADA), verdict.generatedTaken());
    assertEquals(List.of(), verdict.refused());
  }
}
