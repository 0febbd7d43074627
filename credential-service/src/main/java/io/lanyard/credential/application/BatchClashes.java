package io.lanyard.credential.application;

import io.lanyard.credential.application.DirectoryBatchProvisioning.BatchResult;
import io.lanyard.kernel.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which users of a batch can get their code and card together. The unique indexes would refuse a
 * clash only by failing the whole batch's statement, so clashes are found first: with codes and
 * cards already in use, and between the batch's own users (the first one asking wins).
 */
final class BatchClashes {

  /**
   * @param accepted the users whose streams can be started together
   * @param generatedTaken users whose generated code happens to be in use: done on their own, with
   *     a fresh one
   * @param refused users refused for a code or card another user holds
   */
  record Verdict(List<UUID> accepted, List<UUID> generatedTaken, List<BatchResult> refused) {}

  private BatchClashes() {}

  /**
   * @param users the batch's sealed users, in the order they asked
   * @param inUse codes ({@code code:<hash>}) and cards ({@code card:<hash>}) held already, as
   *     {@link io.lanyard.credential.infra.CredentialRecords#inUse} answers them
   */
  static Verdict of(Map<UUID, SealedDirectoryUser> users, Set<String> inUse) {
    Set<String> claimed = new HashSet<>(inUse);
    List<UUID> accepted = new ArrayList<>();
    List<UUID> generatedTaken = new ArrayList<>();
    List<BatchResult> refused = new ArrayList<>();
    users.forEach(
        (userId, user) -> {
          if (!claimed.add("code:" + user.code().hash())) {
            if (user.generated()) {
              generatedTaken.add(userId);
            } else {
              refused.add(
                  new BatchResult(
                      userId,
                      DomainException.conflict("code_in_use", "the access code is in use")));
            }
          } else if (user.card() != null && !claimed.add("card:" + user.card().secret().hash())) {
            refused.add(
                new BatchResult(
                    userId,
                    DomainException.conflict("card_in_use", "the card belongs to another user")));
          } else {
            accepted.add(userId);
          }
        });
    return new Verdict(accepted, generatedTaken, refused);
  }
}
