package io.lanyard.runtime.events;

import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.Reencryption;
import java.util.Set;

/**
 * What a service's stored history held in clear before sealing (ADR 7) and how to seal it: the
 * event versions to rewrite and the sealer that does it ({@code POST /ops/v1/events/re-encrypt},
 * docs/runbooks/erasure.md). A service with no such history has no plan.
 */
public interface ReencryptionPlan {

  Set<EventType> oldTypes();

  Reencryption.Sealer sealer();
}
