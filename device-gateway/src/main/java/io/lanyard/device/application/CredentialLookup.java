package io.lanyard.device.application;

import io.lanyard.credentialrules.AccessCodes;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.device.model.Key128;
import io.lanyard.device.model.LoginModel.CardMatch;
import io.lanyard.device.model.TenantEntry;
import io.lanyard.device.model.UserEntry;
import io.lanyard.kernel.DomainException;
import io.lanyard.secrets.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Whose code or card a device was given, found in the login model by the value's keyed hash. */
@ApplicationScoped
public class CredentialLookup {

  private final CurrentLoginModel model;
  private final SecretHasher hasher;

  CredentialLookup(CurrentLoginModel model, SecretHasher hasher) {
    this.model = model;
    this.hasher = hasher;
  }

  Optional<UserEntry> userByCode(TenantEntry tenant, String code) {
    return lookup(
        tenant,
        SecretPurposes.ACCESS_CODE,
        AccessCodes.normalise(code),
        hash -> model.get().userByCode(tenant, hash));
  }

  /** The reader's value through the tenant's conversion rules; unreadable values match nothing. */
  CardMatch userByCard(TenantEntry tenant, String raw) {
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
            hash ->
                Optional.of(model.get().userByCard(tenant, hash))
                    .filter(match -> !(match instanceof CardMatch.NotRegistered)))
        .orElse(new CardMatch.NotRegistered());
  }

  /**
   * Looks a value up by its hash under the current key, and only when that finds nothing under the
   * older keys on the ring (values stored before a key rotation and not hashed again yet).
   */
  private <T> Optional<T> lookup(
      TenantEntry tenant, String purpose, String value, Function<Key128, Optional<T>> find) {
    Optional<T> found = find.apply(Key128.ofBytes(hasher.digest(tenant.id(), purpose, value)));
    if (found.isPresent() || !hasher.hasOlderKeys()) {
      return found;
    }
    List<byte[]> digests = hasher.digestsUnderEveryKey(tenant.id(), purpose, value);
    for (byte[] digest : digests.subList(1, digests.size())) {
      found = find.apply(Key128.ofBytes(digest));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
