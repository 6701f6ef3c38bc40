package org.hashfed.protocol.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, up to 63
 * base64 consistency proof lines, an empty line, then the signed checkpoint note.
 */
public final class AddCheckpointRequest {

  /** C2SP: a client sends at most 63 proof lines (a proof in a tree of up to 2^63 leaves). */
  public static final int MAX_PROOF_HASHES = 63;
  /** Bounds the body a witness reads: 63 proof lines and a note of 100 signatures fit well below. */
  public static final int MAX_BYTES = 64 * 1024;

  private final long oldSize;
  private final List<Hash32> proof;
  private final SignedNote checkpoint;

  private AddCheckpointRequest(long oldSize, List<Hash32> proof, SignedNote checkpoint) {
    this.oldSize = oldSize;
    this.proof = List.copyOf(proof);
    this.checkpoint = checkpoint;
  }

  /**
   * A request to cosign {@code checkpoint}, consistent with the witness's view at {@code oldSize}
   * by {@code proof}.
   *
   * @throws IllegalArgumentException when the old size is negative or the proof longer than 63 hashes
   */
  public static AddCheckpointRequest create(long oldSize, List<Hash32> proof, SignedNote checkpoint) {
    if (oldSize < 0) {
      throw new IllegalArgumentException("invalid old size " + oldSize + " (expected: 0..2^63-1)");
    }
    if (proof.size() > MAX_PROOF_HASHES) {
      throw new IllegalArgumentException(
          "consistency proof of " + proof.size() + " hashes (expected: at most " + MAX_PROOF_HASHES + ")");
    }
    return new AddCheckpointRequest(oldSize, proof, Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  /**
   * Parses a request body strictly.
   *
   * @throws LogFormatException naming what is malformed (a witness answers 400)
   */
  public static AddCheckpointRequest parse(byte[] body) throws LogFormatException {
    if (body.length > MAX_BYTES) {
      throw new LogFormatException(
          "add-checkpoint body of " + body.length + " bytes (expected: at most " + MAX_BYTES + ")");
    }
    String text = NoteText.decodeUtf8(body, "add-checkpoint body");
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new LogFormatException("malformed add-checkpoint body: no empty line before the checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (!lines[0].startsWith("old ")) {
      throw new LogFormatException("malformed add-checkpoint body: first line \"" + StrictBase64.abbreviate(lines[0])
          + "\" (expected: old <size>)");
    }
    long oldSize = parseSize(lines[0].substring(4));
    if (lines.length - 1 > MAX_PROOF_HASHES) {
      throw new LogFormatException("malformed add-checkpoint body: " + (lines.length - 1)
          + " consistency proof lines (expected: at most " + MAX_PROOF_HASHES + ")");
    }
    List<Hash32> proof = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      try {
        proof.add(Hash32.fromBase64(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new LogFormatException("malformed consistency proof line " + i + ": " + e.getMessage(), e);
      }
    }
    SignedNote note = SignedNote.parse(text.substring(blank + 2));
    return new AddCheckpointRequest(oldSize, proof, note);
  }

  private static long parseSize(String digits) throws LogFormatException {
    boolean ok = !digits.isEmpty() && digits.length() <= 19 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
        && (digits.length() == 1 || digits.charAt(0) != '0');
    if (!ok) {
      throw new LogFormatException("malformed old size \"" + StrictBase64.abbreviate(digits)
          + "\" (expected: a decimal number without sign or leading zeros, at most 2^63-1)");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new LogFormatException("old size " + digits + " exceeds 2^63-1", e);
    }
  }

  /** The size of the checkpoint the client believes the witness cosigned last (0 for none). */
  public long oldSize() {
    return oldSize;
  }

  /** The consistency proof from {@link #oldSize()} to the checkpoint's size. */
  public List<Hash32> proof() {
    return proof;
  }

  /** The signed checkpoint to cosign. */
  public SignedNote checkpoint() {
    return checkpoint;
  }

  /** The request body, byte for byte as C2SP tlog-witness specifies it. */
  public byte[] encode() {
    StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
    for (Hash32 h : proof) {
      out.append(h.toBase64()).append('\n');
    }
    out.append('\n').append(checkpoint.encode());
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
