package org.hashfed.protocol.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tree head in the C2SP tlog-checkpoint note text form: origin line, decimal tree size, base64
 * root hash, then optional extension lines, every line ending in a newline.
 */
public final class Checkpoint {

  private final String origin;
  private final long size;
  private final Hash32 root;
  private final List<String> extensions;

  private Checkpoint(String origin, long size, Hash32 root, List<String> extensions) {
    this.origin = origin;
    this.size = size;
    this.root = root;
    this.extensions = extensions;
  }

  /**
   * The checkpoint for a tree of {@code size} leaves with the given root, without extension lines.
   *
   * @throws IllegalArgumentException when the origin is empty or holds a newline or control character
   */
  public static Checkpoint create(String origin, long size, Hash32 root) {
    return create(origin, size, root, List.of());
  }

  /**
   * The checkpoint with extension lines, which C2SP advises against (monitors cannot audit them).
   *
   * @throws IllegalArgumentException when a line is empty or holds a newline or control character
   */
  public static Checkpoint create(String origin, long size, Hash32 root, List<String> extensions) {
    checkLine(origin, "origin");
    if (size < 0) {
      throw new IllegalArgumentException("invalid tree size " + size + " (expected: >= 0)");
    }
    Objects.requireNonNull(root, "root");
    for (String extension : extensions) {
      checkLine(extension, "extension line");
    }
    return new Checkpoint(origin, size, root, List.copyOf(extensions));
  }

  /**
   * The hashfed origin of a member's log: {@code <consortium>/hashfed/log/<member-id>}.
   *
   * @throws IllegalArgumentException when either part is not a valid key name (empty, space, plus)
   */
  public static String hashfedOrigin(String consortium, String memberId) {
    String origin = consortium + "/hashfed/log/" + memberId;
    if (!NoteText.isValidKeyName(consortium) || !NoteText.isValidKeyName(memberId)) {
      throw new IllegalArgumentException(
          "invalid log origin \"" + origin + "\": expected <consortium>/hashfed/log/<member-id> without spaces or '+'");
    }
    return origin;
  }

  /**
   * Parses a checkpoint note text strictly.
   *
   * @throws LogFormatException naming the offending line when the text is not a checkpoint
   */
  public static Checkpoint parse(String text) throws LogFormatException {
    Objects.requireNonNull(text, "text");
    if (!text.endsWith("\n")) {
      throw new LogFormatException("malformed checkpoint: the text must end with a newline");
    }
    int bad = NoteText.firstForbidden(text);
    if (bad >= 0) {
      throw new LogFormatException(
          "malformed checkpoint: forbidden character " + NoteText.describe(text.charAt(bad)) + " at offset " + bad);
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new LogFormatException(
          "malformed checkpoint: expected at least 3 lines (origin, tree size, root hash), got " + lines.length);
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new LogFormatException("malformed checkpoint: line " + (i + 1) + " is empty");
      }
    }
    long size = parseSize(lines[1]);
    Hash32 root;
    try {
      root = Hash32.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new LogFormatException("malformed checkpoint root hash line: " + e.getMessage(), e);
    }
    List<String> extensions = new ArrayList<>(List.of(lines).subList(3, lines.length));
    return new Checkpoint(lines[0], size, root, List.copyOf(extensions));
  }

  /**
   * Parses UTF-8 checkpoint text strictly.
   *
   * @throws LogFormatException when the bytes are not UTF-8 or not a checkpoint
   */
  public static Checkpoint parse(byte[] utf8) throws LogFormatException {
    return parse(NoteText.decodeUtf8(utf8, "checkpoint"));
  }

  private static long parseSize(String line) throws LogFormatException {
    boolean digits = line.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || line.length() > 20 || (line.length() > 1 && line.charAt(0) == '0')) {
      throw new LogFormatException(
          "malformed checkpoint tree size \"" + StrictBase64.abbreviate(line) + "\": expected a decimal number without sign or leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new LogFormatException(
          "checkpoint tree size " + line + " exceeds 2^63-1, the largest size hashfed supports", e);
    }
  }

  private static void checkLine(String line, String what) {
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("invalid checkpoint " + what + ": must not be empty");
    }
    int bad = NoteText.firstForbidden(line);
    int newline = line.indexOf('\n');
    if (bad >= 0 || newline >= 0) {
      throw new IllegalArgumentException("invalid checkpoint " + what + " \"" + StrictBase64.abbreviate(line)
          + "\": must not contain newlines or control characters");
    }
  }

  /** The log's identity line. */
  public String origin() {
    return origin;
  }

  /** The number of leaves in the tree. */
  public long size() {
    return size;
  }

  /** The RFC 6962 root hash of the tree. */
  public Hash32 root() {
    return root;
  }

  /** The extension lines, usually none. */
  public List<String> extensions() {
    return extensions;
  }

  /** The note text: every line terminated by a newline. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(origin).append('\n').append(size).append('\n').append(root.toBase64()).append('\n');
    for (String extension : extensions) {
      sb.append(extension).append('\n');
    }
    return sb.toString();
  }

  /** The note text as UTF-8 bytes: what log signatures and cosignatures sign. */
  public byte[] textBytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other
        && origin.equals(other.origin)
        && size == other.size
        && root.equals(other.root)
        && extensions.equals(other.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, root, extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size " + size + ", root " + root.toHex() + "]";
  }
}
