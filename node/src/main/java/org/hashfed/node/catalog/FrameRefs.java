package org.hashfed.node.catalog;

/**
 * The refs under which a video's frame hashes sit in the shared PDQ index: a flag bit, the
 * listing's ref and the frame's slot, so one index holds images and video frames and a hit tells
 * which video and frame it belongs to.
 */
final class FrameRefs {

  private static final long FLAG = 1L << 62;
  private static final int SLOT_BITS = 16;
  /** Slots per video: the distinct hashes of all four frame sets of at most 3,600 frames each fit. */
  static final int MAX_SLOTS = 1 << SLOT_BITS;

  private FrameRefs() {}

  static long of(long listingRef, int slot) {
    if (slot < 0 || slot >= MAX_SLOTS) {
      throw new IllegalArgumentException("frame slot " + slot + " (expected: 0.." + (MAX_SLOTS - 1) + ")");
    }
    return FLAG | listingRef << SLOT_BITS | slot;
  }

  static boolean isFrame(long ref) {
    return (ref & FLAG) != 0;
  }

  static long listingRef(long frameRef) {
    return (frameRef & ~FLAG) >>> SLOT_BITS;
  }

  static int slot(long frameRef) {
    return (int) (frameRef & (MAX_SLOTS - 1));
  }
}
