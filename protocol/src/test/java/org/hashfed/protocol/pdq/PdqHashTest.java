package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PdqHashTest {

  private static final String BRIDGE = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

  @Test
  void hex_roundTrips_andIsLowercase() {
    assertEquals(BRIDGE, PdqHash.fromHex(BRIDGE.toUpperCase()).toHex());
  }

  @Test
  void bitLayout_followsPdqWordOrder() {
    // The last hex digit holds bits 3..0 of word 0; the first holds bits 255..252 of word 15.
    PdqHash low = PdqHash.fromHex("0".repeat(63) + "1");
    assertTrue(low.bit(0));
    assertEquals(1, low.bitCount());
    assertEquals(1, low.word16(0));
    PdqHash high = PdqHash.fromHex("8" + "0".repeat(63));
    assertTrue(high.bit(255));
    assertEquals(0x8000, high.word16(15));
    assertFalse(high.bit(0));
  }

  @Test
  void ofBits_matchesHex() {
    boolean[] bits = new boolean[256];
    PdqHash h = PdqHash.fromHex(BRIDGE);
    for (int k = 0; k < 256; k++) {
      bits[k] = h.bit(k);
    }
    assertEquals(h, PdqHash.ofBits(bits));
  }

  @Test
  void distance_countsDifferingBits() {
    PdqHash a = PdqHash.fromHex(BRIDGE);
    PdqHash b = PdqHash.fromHex("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
    assertEquals(0, a.distance(a));
    // d8->f8, 02->0a, 2a->22, 07->03, 67->63, 33->b3: one bit each
    assertEquals(6, a.distance(b));
    assertEquals(256, PdqHash.fromHex("0".repeat(64)).distance(PdqHash.fromHex("f".repeat(64))));
  }

  @Test
  void fromHex_withWrongLength_namesLengthAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex("abc"));
    assertEquals("invalid pdq value \"abc\": expected 64 hex digits, got 3 characters", e.getMessage());
  }

  @Test
  void fromHex_withNonHex_namesCharacterAndPosition() {
    String bad = BRIDGE.substring(0, 10) + "g" + BRIDGE.substring(11);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(bad));
    assertTrue(e.getMessage().contains("'g' at position 10"), e.getMessage());
  }

  @Test
  void fromHex_withSignOrSpace_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex("+" + BRIDGE.substring(1)));
    assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(" " + BRIDGE.substring(1)));
    assertThrows(IllegalArgumentException.class, () -> PdqHash.fromHex(null));
  }
}
