package org.hashfed.protocol.video.edit;

/** Re-encodes at a low bit rate, as a platform does to a re-upload. */
public final class LowBitrate extends VideoEdit {

  private final int kilobitsPerSecond;

  private LowBitrate(int kilobitsPerSecond) {
    this.kilobitsPerSecond = kilobitsPerSecond;
  }

  /**
   * Encodes at {@code kilobitsPerSecond} kbit/s, e.g. 150.
   *
   * @throws IllegalArgumentException unless 16 &lt;= kilobitsPerSecond &lt;= 100000
   */
  public static LowBitrate of(int kilobitsPerSecond) {
    checkRange("bit rate (kbit/s)", kilobitsPerSecond, 16, 100_000);
    return new LowBitrate(kilobitsPerSecond);
  }

  @Override
  public String name() {
    return "lowbitrate";
  }

  @Override
  public String toString() {
    return "lowbitrate=" + kilobitsPerSecond;
  }

  @Override
  EditPlan plan(EditPlan in) {
    return in.withBitRate(kilobitsPerSecond * 1000L);
  }
}
