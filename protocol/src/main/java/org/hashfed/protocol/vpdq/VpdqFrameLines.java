package org.hashfed.protocol.vpdq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference CLI's hash file: one line per frame, {@code frame_number,quality,pdq_hex,seconds}, the
 * seconds printed {@code %.3f}, e.g. {@code 0,100,e271...055c,0.000}.
 */
public final class VpdqFrameLines {

  /** Longest text accepted: {@link VpdqFields#MAX_FRAMES} lines of up to 100 characters. */
  public static final int MAX_CHARS = VpdqFields.MAX_FRAMES * 100;

  private VpdqFrameLines() {}

  /** The frames as the reference writes them, each line ending in {@code \n}. */
  public static String write(List<VpdqFrame> frames) {
    StringBuilder sb = new StringBuilder(frames.size() * 84);
    for (VpdqFrame f : frames) {
      long ms = f.timestampMillis();
      sb.append(f.frameNumber()).append(',').append(f.quality()).append(',').append(f.hash().toHex()).append(',')
          .append(ms / 1000).append('.');
      String frac = Long.toString(ms % 1000);
      sb.append("000", 0, 3 - frac.length()).append(frac).append('\n');
    }
    return sb.toString();
  }

  /**
   * Parses the reference's lines: exactly four fields each, frame numbers increasing, at most
   * {@link VpdqFields#MAX_FRAMES} lines; a final newline is optional, blank lines are not.
   *
   * @throws VpdqFormatException naming the line and the bad value
   */
  public static List<VpdqFrame> parse(String text) throws VpdqFormatException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_CHARS) {
      throw new VpdqFormatException("vPDQ hash lines of " + text.length() + " characters exceed the limit of "
          + MAX_CHARS);
    }
    if (text.isEmpty()) {
      throw new VpdqFormatException("empty vPDQ hash lines (expected: one line per frame)");
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] lines = body.split("\n", -1);
    if (lines.length > VpdqFields.MAX_FRAMES) {
      throw new VpdqFormatException(lines.length + " vPDQ lines exceed the limit of " + VpdqFields.MAX_FRAMES);
    }
    List<VpdqFrame> frames = new ArrayList<>(lines.length);
    int previous = -1;
    for (int i = 0; i < lines.length; i++) {
      String where = "line " + (i + 1);
      String[] f = lines[i].split(",", -1);
      if (f.length != 4) {
        throw new VpdqFormatException(where + ": \"" + VpdqFields.abbreviate(lines[i]) + "\" has " + f.length
            + " fields (expected: frame_number,quality,pdq_hex,seconds)");
      }
      int number = VpdqFields.frameNumber(where, f[0]);
      if (number <= previous) {
        throw new VpdqFormatException(where + ": frame number " + number + " after " + previous
            + " (expected: increasing)");
      }
      previous = number;
      int quality = VpdqFields.quality(where, f[1]);
      frames.add(VpdqFrame.of(number, VpdqFields.timestampMillis(where, f[3]), VpdqFields.hash(where, f[2]), quality));
    }
    return frames;
  }
}
