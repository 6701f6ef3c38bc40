package org.hashfed.protocol.video.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads edits from their command-line form: {@code name} or {@code name=arg[:arg]}, several joined
 * by commas and applied in order, e.g. {@code crop=10%,scale=0.5,logo=25%:top-right}.
 *
 * <p>Forms: {@code scale=0.5|320x240}, {@code letterbox=12%[:RRGGBB]}, {@code pillarbox=12%[:RRGGBB]},
 * {@code crop=10%[:keep]}, {@code logo=25%[:corner]}, {@code caption}, {@code greyscale},
 * {@code lowbitrate=150} (kbit/s), {@code fps=15}, {@code trim=2:60%|2:5} (start s : fraction or
 * seconds), {@code pip=40%[:corner]}; fractions are written {@code 25%} or {@code 0.25}.
 */
public final class VideoEdits {

  private VideoEdits() {
  }

  /**
   * The edits of a comma-separated list, in order; an empty string is no edit.
   *
   * @throws IllegalArgumentException naming the first edit that is not understood
   */
  public static List<VideoEdit> parseList(String specs) {
    List<VideoEdit> edits = new ArrayList<>();
    for (String spec : specs.split(",")) {
      if (!spec.isBlank()) {
        edits.add(parse(spec.strip()));
      }
    }
    return List.copyOf(edits);
  }

  /**
   * One edit from its command-line form.
   *
   * @throws IllegalArgumentException naming the edit and what in it is wrong
   */
  public static VideoEdit parse(String spec) {
    int eq = spec.indexOf('=');
    String name = eq < 0 ? spec : spec.substring(0, eq);
    String[] args = eq < 0 ? new String[0] : spec.substring(eq + 1).split(":", -1);
    try {
      return switch (name) {
        case "scale" -> {
          String a = arg(args, 0, 1);
          int x = a.indexOf('x');
          yield x < 0 ? Scale.by(number(a)) : Scale.to(integer(a.substring(0, x)), integer(a.substring(x + 1)));
        }
        case "letterbox" -> Bars.letterbox(fraction(arg(args, 0, 2)), args.length > 1 ? colour(args[1]) : 0);
        case "pillarbox" -> Bars.pillarbox(fraction(arg(args, 0, 2)), args.length > 1 ? colour(args[1]) : 0);
        case "crop" -> Crop.of(fraction(arg(args, 0, 2)), args.length > 1 && keep(args[1]));
        case "logo" -> Logo.of(fraction(arg(args, 0, 2)), args.length > 1 ? Corner.parse(args[1]) : Corner.TOP_RIGHT);
        case "pip" -> PictureInPicture.of(fraction(arg(args, 0, 2)),
            args.length > 1 ? Corner.parse(args[1]) : Corner.BOTTOM_RIGHT);
        case "caption" -> none(args, Caption.create());
        case "greyscale", "grayscale" -> none(args, Greyscale.create());
        case "lowbitrate" -> LowBitrate.of(integer(arg(args, 0, 1)));
        case "fps" -> FrameRate.of(number(arg(args, 0, 1)));
        case "trim" -> {
          double start = number(arg(args, 0, 2));
          String length = arg(args, 1, 2);
          yield length.endsWith("%") ? Trim.fraction(start, fraction(length)) : Trim.seconds(start, number(length));
        }
        default -> throw new IllegalArgumentException("unknown edit '" + name + "' (expected: scale, letterbox, "
            + "pillarbox, crop, logo, caption, greyscale, lowbitrate, fps, trim or pip)");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("edit '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static String arg(String[] args, int i, int max) {
    if (args.length > max) {
      throw new IllegalArgumentException(args.length + " arguments (expected: at most " + max + ")");
    }
    if (i >= args.length || args[i].isEmpty()) {
      throw new IllegalArgumentException("argument " + (i + 1) + " is missing");
    }
    return args[i];
  }

  private static VideoEdit none(String[] args, VideoEdit edit) {
    if (args.length > 0) {
      throw new IllegalArgumentException("takes no arguments");
    }
    return edit;
  }

  private static boolean keep(String a) {
    if (!a.equals("keep")) {
      throw new IllegalArgumentException("option '" + a + "' (expected: keep)");
    }
    return true;
  }

  private static double fraction(String a) {
    return a.endsWith("%") ? number(a.substring(0, a.length() - 1)) / 100 : number(a);
  }

  private static double number(String a) {
    try {
      double v = Double.parseDouble(a);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the text
    }
    throw new IllegalArgumentException("'" + a + "' is not a number");
  }

  private static int integer(String a) {
    try {
      return Integer.parseInt(a);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + a + "' is not a whole number", e);
    }
  }

  private static int colour(String a) {
    if (!a.matches("[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("colour '" + a + "' (expected: RRGGBB in hex, e.g. 808080)");
    }
    return Integer.parseInt(a, 16);
  }
}
