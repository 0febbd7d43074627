package io.lanyard.credential.application;

import io.lanyard.credential.domain.CodeGenerator;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.SealedSecret;
import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.CardNumbers;
import io.lanyard.credentialrules.SecretPurposes;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Codes and card numbers made ready for the domain: checked or generated, then sealed (hash and
 * ciphertext), so the domain and the events never hold one in clear.
 */
@ApplicationScoped
public class CredentialSecrets {

  /** A card number sealed, with what of it may be shown. */
  public record SealedCard(SealedSecret secret, String masked) {}

  private final SecretSealer sealer;
  private final CodeGenerator generator = new CodeGenerator(new SecureRandom());

  CredentialSecrets(SecretSealer sealer) {
    this.sealer = sealer;
  }

  /**
   * A given code, checked against the policy, or a generated one when none is given. A generated
   * code that another user holds fails the unique index (code_in_use); with 32^6 codes that is
   * rare.
   */
  public SealedSecret code(String tenantId, CredentialPolicy policy, String given) {
    String code =
        given == null
            ? generator.generate(policy, candidate -> false)
            : policy.checkCode(AccessCodes.normalise(given));
    return sealer.seal(tenantId, SecretPurposes.ACCESS_CODE, code);
  }

  /**
   * A generated code that is none of those {@code taken} says are (the other codes of a batch being
   * generated together), sealed.
   */
  public SealedSecret generated(
      String tenantId, CredentialPolicy policy, java.util.function.Predicate<String> taken) {
    return sealer.seal(tenantId, SecretPurposes.ACCESS_CODE, generator.generate(policy, taken));
  }

  /** A card number as typed or synced, canonical; {@code null} for none. */
  public SealedCard card(String tenantId, String cardNumber) {
    return cardNumber == null ? null : sealCard(tenantId, CardNumbers.canonical(cardNumber));
  }

  /** A reader's value as the tenant's conversion rules made it: sealed as it is. */
  public SealedCard convertedCard(String tenantId, String converted) {
    return sealCard(tenantId, converted);
  }

  private SealedCard sealCard(String tenantId, String number) {
    return new SealedCard(
        sealer.seal(tenantId, SecretPurposes.CARD_NUMBER, number), CardNumbers.mask(number));
  }
}
