package io.lanyard.device.model;

/**
 * A card in the lookup: its keyed-hash bits, whose it is, and its id (events remove cards by id). A
 * user's cards form a list through {@link #next}: most users have none or one.
 */
final class CardEntry extends Key128 {

  final UserEntry owner;
  final long idHi;
  final long idLo;
  CardEntry next;

  /** As {@link CodeEntry#displaced}: another user's entry for the same card, put back later. */
  CardEntry displaced;

  CardEntry(Key128 hash, UserEntry owner, Key128 id) {
    super(hash.hi, hash.lo);
    this.owner = owner;
    this.idHi = id.hi;
    this.idLo = id.lo;
  }

  boolean hasId(Key128 id) {
    return idHi == id.hi && idLo == id.lo;
  }
}
