package io.lanyard.device.model;

import io.lanyard.device.domain.CodeValidity;

/** An access code in the lookup: its keyed-hash bits, whose it is, and when it logs them in. */
final class CodeEntry extends Key128 {

  final UserEntry owner;

  /**
   * Changed by an expiry change or the expired fact, not only by a new code, so volatile for the
   * login path. Codes without a window share {@link CodeValidity#ALWAYS}; the reference fits the
   * entry's padding, so a million codes cost no more heap than before.
   */
  volatile CodeValidity validity;

  /**
   * The entry of another user this one replaced in the lookup while that user still held the same
   * bits: their release, on another partition, was not read yet. Put back when this one goes.
   */
  CodeEntry displaced;

  CodeEntry(Key128 hash, UserEntry owner, CodeValidity validity) {
    super(hash.hi, hash.lo);
    this.owner = owner;
    this.validity = validity;
  }
}
