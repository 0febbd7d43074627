package io.lanyard.device.model;

/** An access code in the lookup: its keyed-hash bits, and whose it is. */
final class CodeEntry extends Key128 {

  final UserEntry owner;

  CodeEntry(Key128 hash, UserEntry owner) {
    super(hash.hi, hash.lo);
    this.owner = owner;
  }
}
