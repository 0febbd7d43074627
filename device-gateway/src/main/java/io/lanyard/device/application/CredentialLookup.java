package io.lanyard.device.application;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.LoginModel.CodeMatch;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whose code or card a device was given, found in the login model by the value's keyed hash, and
 * whether it logs them in at the instant the login is decided at (epoch milliseconds).
 */
@ApplicationScoped
public class CredentialLookup {

  private final CurrentLoginModel model;
  private final SecretHasher hasher;

  CredentialLookup(CurrentLoginModel model, SecretHasher hasher) {
    this.model = model;
    this.hasher = hasher;
  }

  CodeMatch userByCode(TenantEntry tenant, String code, long now) {
    return lookup(
        tenant,
        SecretPurposes.ACCESS_CODE,
        AccessCodes.normalise(code),
        hash -> model.get().userByCode(tenant, hash, now),
        match -> match != CodeMatch.Refused.INVALID_CODE);
  }

  /** The reader's value through the tenant's conversion rules; unreadable values match nothing. */
  CardMatch userByCard(TenantEntry tenant, String raw, long now) {
    String number;
    try {
      number = tenant.conversion().convert(raw);
    } catch (DomainException unreadable) {
      return new CardMatch.NotRegistered();
    }
    return lookup(
        tenant,
        SecretPurposes.CARD_NUMBER,
        number,
        hash -> model.get().userByCard(tenant, hash, now),
        match -> !(match instanceof CardMatch.NotRegistered));
  }

  /**
   * Looks a value up by its hash under the current key, and only when that finds nothing under the
   * older keys on the ring (values stored before a key rotation and not hashed again yet). An
   * expired code or an inactive user's card is found: it is not looked for further.
   */
  private <T> T lookup(
      TenantEntry tenant,
      String purpose,
      String value,
      Function<Key128, T> find,
      Predicate<T> found) {
    T match = find.apply(Key128.ofBytes(hasher.digest(tenant.id(), purpose, value)));
    if (found.test(match) || !hasher.hasOlderKeys()) {
      return match;
    }
    List<byte[]> digests = hasher.digestsUnderEveryKey(tenant.id(), purpose, value);
    for (byte[] digest : digests.subList(1, digests.size())) {
      T older = find.apply(Key128.ofBytes(digest));
      if (found.test(older)) {
        return older;
      }
    }
    return match;
  }
}
