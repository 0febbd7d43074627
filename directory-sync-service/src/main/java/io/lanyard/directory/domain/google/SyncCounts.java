package io.lanyard.directory.domain.google;

/** What a run did to the users it saw, so far or in the end. */
public record SyncCounts(
    int created, int updated, int suspended, int deleted, int unchanged, int failed) {

  public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);

  public SyncCounts plus(SyncCounts other) {
    return new SyncCounts(
        created + other.created,
        updated + other.updated,
        suspended + other.suspended,
        deleted + other.deleted,
        unchanged + other.unchanged,
        failed + other.failed);
  }
}
