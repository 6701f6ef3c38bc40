package org.hashfed.protocol.video.edit;

import java.util.Locale;

/** A corner of the frame, for overlays; its command-line name is e.g. {@code top-right}. */
public enum Corner {
  /** Top left. */
  TOP_LEFT,
  /** Top right. */
  TOP_RIGHT,
  /** Bottom left. */
  BOTTOM_LEFT,
  /** Bottom right. */
  BOTTOM_RIGHT;

  /** The command-line name, e.g. {@code bottom-left}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The corner named {@code name} ({@code top-left}, {@code top-right}, {@code bottom-left},
   * {@code bottom-right}).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Corner parse(String name) {
    for (Corner c : values()) {
      if (c.cliName().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("corner '" + name + "' (expected: top-left, top-right, bottom-left or bottom-right)");
  }

  /** The x of a box of width {@code w} in this corner of a frame of width {@code frameW}. */
  int x(int frameW, int w, int margin) {
    return this == TOP_LEFT || this == BOTTOM_LEFT ? margin : frameW - w - margin;
  }

  /** The y of a box of height {@code h} in this corner of a frame of height {@code frameH}. */
  int y(int frameH, int h, int margin) {
    return this == TOP_LEFT || this == TOP_RIGHT ? margin : frameH - h - margin;
  }
}
