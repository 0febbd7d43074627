package io.lanyard.device.model;

/** An access code in the lookup: its keyed-hash bits, and whose it is. */
final class CodeEntry extends Key128 {

  final UserEntry owner;

  /**
   * The entry of another user this one replaced in the lookup while that user still held the same
   * bits: their release, on another partition, was not read yet. Put back when this one goes.
   */
  CodeEntry displaced;

  CodeEntry(Key128 hash, UserEntry owner) {
    super(hash.hi, hash.lo);
    this.owner = owner;
  }
}
