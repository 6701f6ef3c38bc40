package org.hashfed.protocol.pdq;

/** A source of luminance rows (floats, 0..255), read top to bottom a few rows at a time. */
interface LumaRows {

  /** Writes rows {@code y .. y + count - 1}, each {@code width} floats, into {@code out[0 ..)}. */
  void read(int y, int count, float[] out);
}
