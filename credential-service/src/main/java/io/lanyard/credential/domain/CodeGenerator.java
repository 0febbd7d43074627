package io.lanyard.credential.domain;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.kernel.DomainException;
import java.security.SecureRandom;
import java.util.function.Predicate;

/**
 * Draws access codes from a CSPRNG: of the policy's length, from the alphabet without look-alike
 * characters, never trivial, never one the tenant already uses.
 */
public final class CodeGenerator {

  private static final int RANDOM_ATTEMPTS = 200;
  // Up to this many possible codes, a nearly full space is searched exhaustively.
  private static final long SCAN_LIMIT = 20_000_000L;

  private final SecureRandom random;

  public CodeGenerator(SecureRandom random) {
    this.random = random;
  }

  public String generate(CredentialPolicy policy, Predicate<String> taken) {
    String alphabet = policy.codeAlphabet().generated();
    long space = (long) Math.pow(alphabet.length(), policy.codeLength());
    for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
      String candidate = code(alphabet, policy.codeLength(), (long) (random.nextDouble() * space));
      if (free(candidate, taken)) {
        return candidate;
      }
    }
    // Random draws keep missing: the space is nearly full. Walk it from a random place instead.
    if (space <= SCAN_LIMIT) {
      long start = (long) (random.nextDouble() * space);
      for (long i = 0; i < space; i++) {
        String candidate = code(alphabet, policy.codeLength(), (start + i) % space);
        if (free(candidate, taken)) {
          return candidate;
        }
      }
    }
    // The tenant has used up its code space: a policy problem.
    throw DomainException.conflict(
        "code_space_exhausted",
        "no free access code of this policy's length and alphabet is left; lengthen the codes");
  }

  private static boolean free(String candidate, Predicate<String> taken) {
    return !AccessCodes.isTrivial(candidate) && !taken.test(candidate);
  }

  /** The code at {@code index} of all codes of this alphabet and length. */
  private static String code(String alphabet, int length, long index) {
    char[] code = new char[length];
    long rest = index;
    for (int i = length - 1; i >= 0; i--) {
      code[i] = alphabet.charAt((int) (rest % alphabet.length()));
      rest /= alphabet.length();
    }
    return new String(code);
  }
}
