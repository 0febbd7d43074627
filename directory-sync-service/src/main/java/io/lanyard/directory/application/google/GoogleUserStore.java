package io.lanyard.directory.application.google;

import io.lanyard.directory.domain.google.SyncedUser;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/** What the last Google run applied to each Google user (projected from the link streams). */
public interface GoogleUserStore {

  /** What was applied to these Google users, by Google id (those never seen are absent). */
  Uni<Map<String, SyncedUser>> find(String tenantId, List<String> googleIds);

  /** Every Google user the tenant has, for the removals at the end of a full run. */
  Uni<List<SyncedUser>> all(String tenantId);
}
