package io.lanyard.device.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.device.AccessCodeReminderRequestedV1;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.eventstore.Reencryption;
import io.lanyard.eventstore.StoredEvent;
import io.lanyard.runtime.events.ReencryptionPlan;
import io.lanyard.runtime.personal.TenantKeyCache;
import io.lanyard.secrets.DataKey;
import io.lanyard.secrets.TenantKeyUnavailable;
import io.lanyard.secrets.TenantSeal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * device-gateway's history before sealing (ADR 7): {@code AccessCodeReminderRequested.v1} held the
 * typed address in clear; rewritten as v2 with the address sealed under the tenant's key, an erased
 * tenant's under none. A tenant made before tenant keys has no key: its addresses stay as they were
 * (docs/runbooks/erasure.md).
 */
@ApplicationScoped
public class ReminderReencryption implements ReencryptionPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantKeyCache tenantKeys;

  ReminderReencryption(TenantKeyCache tenantKeys) {
    this.tenantKeys = tenantKeys;
  }

  @Override
  public Set<EventType> oldTypes() {
    return Set.of(AccessCodeReminderRequestedV1.TYPE);
  }

  @Override
  public Reencryption.Sealer sealer() {
    return page ->
        tenantKeys
            .load(page.stream().map(StoredEvent::tenantId).distinct().toList())
            .map(loaded -> page.stream().map(this::withAddressSealed).toList());
  }

  private String withAddressSealed(StoredEvent upcast) {
    try {
      ObjectNode data = (ObjectNode) JSON.readTree(upcast.json());
      String address = data.path("address").asText();
      if (TenantSeal.isSealed(address)) {
        return upcast.json();
      }
      Optional<DataKey> key;
      try {
        key = tenantKeys.keyOf(upcast.tenantId());
      } catch (TenantKeyUnavailable gone) {
        if (!gone.erased()) {
          throw gone;
        }
        key = Optional.of(DataKey.generate()); // erased: sealed under a key nobody keeps
      }
      if (key.isEmpty()) {
        return upcast.json();
      }
      data.put(
          "address",
          TenantSeal.seal(key.get(), upcast.tenantId(), SecretPurposes.TYPED_ADDRESS, address));
      return data.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
