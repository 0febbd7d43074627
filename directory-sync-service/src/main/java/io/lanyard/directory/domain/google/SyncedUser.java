package io.lanyard.directory.domain.google;

/**
 * What the last run that changed a Google user applied: the user it is here, and the fingerprint
 * and digests of what Google said then. A run compares with this, not with the state here, so an
 * admin's change in Lanyard stands until the user changes in Google.
 */
public record SyncedUser(
    String googleId,
    String userId,
    String profileFingerprint,
    boolean suspended,
    String codeDigest,
    String cardDigest) {}
