package org.hashfed.protocol.vpdq;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.json.Json;

/**
 * python-threatexchange's {@code vpdq} signal string: a JSON array of {@code "pdq_hex,quality,seconds"}
 * strings, the seconds formatted as Python's {@code f"{t:.3}"} (3 significant digits, so
 * {@code 0.0333}, {@code 12.3}, {@code 1.23e+02}). The form carries no frame numbers: parsed frames are
 * numbered by their position, and timestamps keep only those 3 digits.
 */
public final class VpdqSignalFormat {

  /** Longest signal string accepted, in bytes: {@link VpdqFields#MAX_FRAMES} entries of up to 100. */
  public static final int MAX_BYTES = VpdqFields.MAX_FRAMES * 100;

  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  private VpdqSignalFormat() {}

  /**
   * The signal string byte for byte as python-threatexchange's {@code vpdq_to_json} writes it
   * ({@code json.dumps} separators {@code ", "}), so both sides store and compare the same text.
   */
  public static String write(List<VpdqFrame> frames) {
    StringBuilder sb = new StringBuilder(2 + frames.size() * 84).append('[');
    for (int i = 0; i < frames.size(); i++) {
      VpdqFrame f = frames.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      // Hex digits, digits, '.', 'e', '+', '-' and ',' need no JSON escaping.
      sb.append('"').append(f.hash().toHex()).append(',').append(f.quality()).append(',')
          .append(pythonThreeDigits(f.timestampSeconds())).append('"');
    }
    return sb.append(']').toString();
  }

  /**
   * Parses a signal string with the project's hardened JSON reader: an array of at most
   * {@link VpdqFields#MAX_FRAMES} strings, each exactly three fields.
   *
   * @throws VpdqFormatException naming the entry and the bad value
   */
  public static List<VpdqFrame> parse(String signal) throws VpdqFormatException {
    Objects.requireNonNull(signal, "signal");
    byte[] bytes = signal.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new VpdqFormatException("vPDQ signal of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES);
    }
    JsonNode root;
    try {
      root = Json.readTree(bytes);
    } catch (IOException e) {
      throw new VpdqFormatException("vPDQ signal is not JSON: " + e.getMessage(), e);
    }
    if (!root.isArray()) {
      throw new VpdqFormatException("vPDQ signal is a JSON " + root.getNodeType().toString().toLowerCase()
          + " (expected: an array of \"pdq_hex,quality,seconds\" strings)");
    }
    if (root.size() > VpdqFields.MAX_FRAMES) {
      throw new VpdqFormatException("vPDQ signal has " + root.size() + " frames, over the limit of "
          + VpdqFields.MAX_FRAMES);
    }
    List<VpdqFrame> frames = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      String where = "vPDQ signal entry " + i;
      JsonNode entry = root.get(i);
      if (!entry.isTextual()) {
        throw new VpdqFormatException(where + ": " + VpdqFields.abbreviate(entry.toString())
            + " is not a string (expected: \"pdq_hex,quality,seconds\")");
      }
      String[] f = entry.textValue().split(",", -1);
      if (f.length != 3) {
        throw new VpdqFormatException(where + ": \"" + VpdqFields.abbreviate(entry.textValue()) + "\" has "
            + f.length + " fields (expected: pdq_hex,quality,seconds)");
      }
      frames.add(VpdqFrame.of(i, VpdqFields.timestampMillis(where, f[2]), VpdqFields.hash(where, f[0]),
          VpdqFields.quality(where, f[1])));
    }
    return frames;
  }

  /**
   * Python's {@code format(x, ".3")} for a finite {@code x >= 0}: rounded to 3 significant digits
   * (correctly, half even on the exact binary value, as Python does), trailing zeros dropped, fixed
   * notation with at least one decimal when the exponent is -4..1, else {@code d.dde+XX}.
   */
  static String pythonThreeDigits(double x) {
    if (x == 0) {
      return "0.0";
    }
    BigDecimal rounded = new BigDecimal(x).round(THREE_DIGITS).stripTrailingZeros();
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 2) {
      String digits = rounded.unscaledValue().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = Integer.toString(Math.abs(exponent));
      return mantissa + "e" + (exponent < 0 ? '-' : '+') + (exp.length() < 2 ? "0" : "") + exp;
    }
    String plain = rounded.toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }
}
