package org.hashfed.node.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RefSlotMapProperties {

  @Property(tries = 200)
  void behavesLikeHashMap_underRandomPutsAndRemoves(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int operations,
      @ForAll @IntRange(min = 1, max = 500) int keySpace) {
    Random random = new Random(seed);
    long[] refsBySlot = new long[operations];
    RefSlotMap map = new RefSlotMap(0, slot -> refsBySlot[slot]);
    Map<Long, Integer> expected = new HashMap<>();
    // A small key space, spread over multiples of a large stride, forces long probe runs and wrap-arounds.
    long stride = random.nextBoolean() ? 1L : 1L << 40;
    for (int op = 0; op < operations; op++) {
      long ref = random.nextInt(keySpace) * stride - keySpace / 2 * stride;
      if (random.nextInt(3) == 0) {
        assertEquals(expected.containsKey(ref) ? expected.remove(ref) : -1, map.remove(ref));
      } else if (!expected.containsKey(ref)) {
        expected.put(ref, op);
        refsBySlot[op] = ref;
        map.putNew(ref, op);
      }
      assertEquals(expected.getOrDefault(ref, -1), map.get(ref));
    }
    assertEquals(expected.size(), map.size());
    for (Map.Entry<Long, Integer> e : expected.entrySet()) {
      assertEquals(e.getValue(), map.get(e.getKey()));
    }
  }
}
