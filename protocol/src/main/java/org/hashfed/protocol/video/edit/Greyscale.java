package org.hashfed.protocol.video.edit;

/** Turns every frame grey, by BT.601 luma. */
public final class Greyscale extends VideoEdit {

  private static final Greyscale INSTANCE = new Greyscale();

  private Greyscale() {
  }

  /** The greyscale edit (it has no parameters). */
  public static Greyscale create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "greyscale";
  }

  @Override
  public String toString() {
    return "greyscale";
  }

  @Override
  Picture apply(Picture in, double seconds) {
    byte[] p = in.rgb();
    for (int i = 0; i < p.length; i += 3) {
      byte y = (byte) ((77 * (p[i] & 0xff) + 150 * (p[i + 1] & 0xff) + 29 * (p[i + 2] & 0xff) + 128) >> 8);
      p[i] = y;
      p[i + 1] = y;
      p[i + 2] = y;
    }
    return in;
  }
}
