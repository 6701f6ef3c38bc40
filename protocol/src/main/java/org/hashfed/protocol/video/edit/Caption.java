package org.hashfed.protocol.video.edit;

import java.util.SplittableRandom;

/**
 * A subtitle-like band in the lower fifth: white word-shaped blocks on black, a new line every two
 * seconds. Blocks stand in for glyphs so the output needs no fonts and is the same everywhere.
 */
public final class Caption extends VideoEdit {

  private static final Caption INSTANCE = new Caption();
  private static final double SECONDS_PER_LINE = 2;

  private Caption() {
  }

  /** The caption edit (it has no parameters). */
  public static Caption create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "caption";
  }

  @Override
  public String toString() {
    return "caption";
  }

  @Override
  Picture apply(Picture in, double seconds) {
    int bandH = Math.max(4, in.height() / 10);
    int bandY = in.height() - in.height() / 5 + (in.height() / 5 - bandH) / 2;
    int margin = in.width() / 10;
    in.fill(margin, bandY, in.width() - 2 * margin, bandH, 0x000000);
    int glyphH = Math.max(2, bandH * 3 / 5);
    int glyphW = Math.max(1, glyphH / 2);
    int gap = Math.max(1, glyphW / 3);
    // Seeded by the line number: the same line in every run, a different one every two seconds.
    SplittableRandom random = new SplittableRandom((long) Math.floor(seconds / SECONDS_PER_LINE));
    int x = margin + glyphW;
    int y = bandY + (bandH - glyphH) / 2;
    int end = in.width() - margin - glyphW;
    while (true) {
      int letters = 2 + random.nextInt(7);
      int wordW = letters * (glyphW + gap) - gap;
      if (x + wordW > end) {
        break;
      }
      for (int i = 0; i < letters; i++) {
        int drop = random.nextInt(4) == 0 ? glyphH / 3 : 0;
        in.fill(x + i * (glyphW + gap), y + drop, glyphW, glyphH - drop, 0xffffff);
      }
      x += wordW + 2 * glyphW;
    }
    return in;
  }
}
