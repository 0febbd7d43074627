package io.lanyard.device.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing table under growth, replacement and removal. */
class Key128TableTest {

  static final class Entry extends Key128 {
    Entry(long hi, long lo) {
      super(hi, lo);
    }
  }

  @Test
  void findsWhatWasPutThroughGrowthAndRemovals() {
    Key128Table<Entry> table = new Key128Table<>();
    Random random = new Random(42);
    Entry[] entries = new Entry[50_000];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = new Entry(random.nextLong(), random.nextLong());
      table.put(entries[i]);
    }
    assertEquals(entries.length, table.size());
    for (int i = 0; i < entries.length; i += 2) {
      assertTrue(table.removeIfSame(entries[i]));
    }
    for (int i = 0; i < entries.length; i++) {
      Entry found = table.get(new Key128(entries[i].hi, entries[i].lo));
      if (i % 2 == 0) {
        assertNull(found);
      } else {
        assertSame(entries[i], found);
      }
    }
    // Tombstones are reused and cleared by rebuilds: put and remove many times over.
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < entries.length; i += 2) {
        table.put(entries[i]);
      }
      for (int i = 0; i < entries.length; i += 2) {
        table.removeIfSame(entries[i]);
      }
    }
    assertEquals(entries.length / 2, table.size());
    int[] seen = {0};
    table.forEach(entry -> seen[0]++);
    assertEquals(entries.length / 2, seen[0]);
  }

  @Test
  void anEntryWithTheSameBitsReplacesAndOnlyTheHolderIsRemoved() {
    Key128Table<Entry> table = new Key128Table<>();
    Entry first = new Entry(1, 1);
    Entry second = new Entry(1, 1);
    table.put(first);
    table.put(second);
    assertEquals(1, table.size());
    assertSame(second, table.get(new Key128(1, 1)));
    assertFalse(table.removeIfSame(first));
    assertSame(second, table.get(new Key128(1, 1)));
    assertTrue(table.removeIfSame(second));
    assertNull(table.get(new Key128(1, 1)));
    assertSame(first, table.putIfAbsent(first));
    assertSame(first, table.putIfAbsent(new Entry(1, 1)));
  }
}
