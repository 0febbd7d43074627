package io.lanyard.device.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A set of entries found by their 128 bits: open addressing in one array of references, no node
 * object per entry (a million users, codes and cards cost a third less heap than in a {@code
 * ConcurrentHashMap}). Many threads read; writes are serialised.
 *
 * <p>Entries never move within an array: a removal leaves a tombstone, and the array is rebuilt
 * into a new one (published whole) when tombstones and entries fill half of it. A reader therefore
 * never misses an entry that was there before and after its lookup; it may miss one added during
 * it, which the next lookup sees.
 */
final class Key128Table<E extends Key128> {

  private static final Object TOMBSTONE = new Object();
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

  private volatile Object[] table = new Object[16];
  private int size;
  private int used;

  @SuppressWarnings("unchecked")
  E get(Key128 key) {
    Object[] slots = table;
    int mask = slots.length - 1;
    for (int i = index(key, mask); ; i = (i + 1) & mask) {
      Object slot = SLOTS.getAcquire(slots, i);
      if (slot == null) {
        return null;
      }
      if (slot != TOMBSTONE && key.equals(slot)) {
        return (E) slot;
      }
    }
  }

  /** Adds an entry, or replaces the one with the same bits. */
  synchronized void put(E entry) {
    Object[] slots = table;
    int mask = slots.length - 1;
    int reusable = -1;
    for (int i = index(entry, mask); ; i = (i + 1) & mask) {
      Object slot = slots[i];
      if (slot == null) {
        if (reusable < 0) {
          used++;
          reusable = i;
        }
        SLOTS.setRelease(slots, reusable, entry);
        size++;
        if (used * 2 > slots.length) {
          rebuild();
        }
        return;
      }
      if (slot == TOMBSTONE) {
        if (reusable < 0) {
          reusable = i;
        }
      } else if (entry.equals(slot)) {
        SLOTS.setRelease(slots, i, entry);
        return;
      }
    }
  }

  /** The entry with these bits, adding {@code entry} first if there is none. */
  synchronized E putIfAbsent(E entry) {
    E present = get(entry);
    if (present != null) {
      return present;
    }
    put(entry);
    return entry;
  }

  /** Removes this very entry (not another one with the same bits); answers whether it was there. */
  synchronized boolean removeIfSame(E entry) {
    Object[] slots = table;
    int mask = slots.length - 1;
    for (int i = index(entry, mask); ; i = (i + 1) & mask) {
      Object slot = slots[i];
      if (slot == null) {
        return false;
      }
      if (slot == entry) {
        SLOTS.setRelease(slots, i, TOMBSTONE);
        size--;
        return true;
      }
    }
  }

  synchronized int size() {
    return size;
  }

  /** Every entry, for digests and statistics (a snapshot of the current array). */
  @SuppressWarnings("unchecked")
  void forEach(java.util.function.Consumer<E> action) {
    Object[] slots = table;
    for (int i = 0; i < slots.length; i++) {
      Object slot = SLOTS.getAcquire(slots, i);
      if (slot != null && slot != TOMBSTONE) {
        action.accept((E) slot);
      }
    }
  }

  private void rebuild() {
    int capacity = 16;
    while (capacity < size * 3) {
      capacity <<= 1;
    }
    Object[] old = table;
    Object[] fresh = new Object[capacity];
    int mask = capacity - 1;
    for (Object slot : old) {
      if (slot != null && slot != TOMBSTONE) {
        int i = index((Key128) slot, mask);
        while (fresh[i] != null) {
          i = (i + 1) & mask;
        }
        fresh[i] = slot;
      }
    }
    used = size;
    table = fresh;
  }

  private static int index(Key128 key, int mask) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & mask;
  }
}
