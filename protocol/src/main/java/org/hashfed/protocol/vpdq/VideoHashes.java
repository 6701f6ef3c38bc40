package org.hashfed.protocol.vpdq;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.InvalidSignalException;

/**
 * The frame hashes a {@code vpdq} signal carries: the standard vPDQ frames (whole frames, as every
 * vPDQ implementation computes them); when the video has uniform borders, the hashes of its content
 * area; and the hashes of two central regions of every frame. Its identity is the SHA-256 of its
 * canonical binary form (spec/video.md section 2.2): form version 1 without centre hashes (what a
 * plain vPDQ signal becomes), version 2 with them.
 *
 * <p>Binary rather than JSON so that an hour of letterboxed video fits one entry: 140 bytes a frame
 * with every set, against about 190 for the standard frames alone as JSON text.
 */
public final class VideoHashes {

  /**
   * Most standard frames in one signal: an hour at one hash a second, so that a signal with every
   * set still fits one envelope (spec/video.md section 2.4).
   */
  public static final int MAX_FRAMES = 3600;
  /** Form version without centre hashes. */
  static final int VERSION_STANDARD = 1;
  /** Form version with centre hashes. */
  static final int VERSION_CENTRE = 2;
  private static final int FRAME_BYTES = 4 + 4 + 1 + 32;
  private static final int RESULT_BYTES = 1 + 32;
  /** Largest binary form: a full signal with content and centre hashes. */
  public static final int MAX_ENCODED_BYTES = 1 + 4 + MAX_FRAMES * FRAME_BYTES + 1 + 16
      + MAX_FRAMES * RESULT_BYTES + 2 * MAX_FRAMES * RESULT_BYTES;

  private final List<VpdqFrame> frames;
  private final Optional<VpdqContent> content;
  private final Optional<VpdqCentre> centre;
  private final byte[] encoded;
  private final String digest;

  private VideoHashes(List<VpdqFrame> frames, Optional<VpdqContent> content, Optional<VpdqCentre> centre,
      byte[] encoded) {
    this.frames = frames;
    this.content = content;
    this.centre = centre;
    this.encoded = encoded;
    this.digest = sha256Hex(encoded);
  }

  /** Standard frames only, as a plain vPDQ implementation produces them. */
  public static VideoHashes of(List<VpdqFrame> frames) {
    return of(frames, Optional.empty(), Optional.empty());
  }

  /**
   * Standard frames and, optionally, content-area hashes, without centre hashes.
   *
   * @throws InvalidSignalException as {@link #of(List, Optional, Optional)}
   */
  public static VideoHashes of(List<VpdqFrame> frames, Optional<VpdqContent> content) {
    return of(frames, content, Optional.empty());
  }

  /**
   * Standard frames and, optionally, content-area hashes and centre hashes (one per standard frame).
   *
   * @throws InvalidSignalException when there are no frames or more than {@link #MAX_FRAMES}, frame
   *     numbers do not increase, timestamps go back, or the content or centre hashes do not pair with
   *     the frames
   */
  public static VideoHashes of(List<VpdqFrame> frames, Optional<VpdqContent> content, Optional<VpdqCentre> centre) {
    List<VpdqFrame> copy = List.copyOf(Objects.requireNonNull(frames, "frames"));
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(centre, "centre");
    if (copy.isEmpty() || copy.size() > MAX_FRAMES) {
      throw new InvalidSignalException("invalid vpdq signal: " + copy.size() + " frames (expected 1 to " + MAX_FRAMES
          + "; hash longer videos with more seconds per hash)");
    }
    for (int i = 1; i < copy.size(); i++) {
      VpdqFrame a = copy.get(i - 1);
      VpdqFrame b = copy.get(i);
      if (b.frameNumber() <= a.frameNumber() || b.timestampMillis() < a.timestampMillis()) {
        throw new InvalidSignalException("invalid vpdq signal: frame " + i + " (number " + b.frameNumber() + " at "
            + b.timestampMillis() + " ms) does not follow frame " + (i - 1) + " (number " + a.frameNumber() + " at "
            + a.timestampMillis() + " ms): expected increasing frame numbers and timestamps that never go back");
      }
    }
    if (copy.get(copy.size() - 1).timestampMillis() > 0xffff_ffffL) {
      throw new InvalidSignalException("invalid vpdq signal: timestamp " + copy.get(copy.size() - 1).timestampMillis()
          + " ms (expected at most " + 0xffff_ffffL + ")");
    }
    if (content.isPresent() && content.get().frames().size() != copy.size()) {
      throw new InvalidSignalException("invalid vpdq signal: " + content.get().frames().size()
          + " content hashes for " + copy.size() + " frames (expected one per frame)");
    }
    if (centre.isPresent() && centre.get().size() != copy.size()) {
      throw new InvalidSignalException("invalid vpdq signal: " + centre.get().size()
          + " centre hashes for " + copy.size() + " frames (expected one per frame)");
    }
    return new VideoHashes(copy, content, centre, encode(copy, content, centre));
  }

  private static byte[] encode(List<VpdqFrame> frames, Optional<VpdqContent> content, Optional<VpdqCentre> centre) {
    int size = 1 + 4 + frames.size() * FRAME_BYTES + 1
        + content.map(c -> 16 + c.frames().size() * RESULT_BYTES).orElse(0)
        + centre.map(c -> 2 * c.size() * RESULT_BYTES).orElse(0);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) (centre.isPresent() ? VERSION_CENTRE : VERSION_STANDARD)).putInt(frames.size());
    for (VpdqFrame f : frames) {
      b.putInt(f.frameNumber()).putInt((int) f.timestampMillis()).put((byte) f.quality());
      putHash(b, f.hash());
    }
    b.put((byte) (content.isPresent() ? 1 : 0));
    content.ifPresent(c -> {
      b.putInt(c.x()).putInt(c.y()).putInt(c.width()).putInt(c.height());
      putResults(b, c.frames());
    });
    centre.ifPresent(c -> {
      putResults(b, c.narrow());
      putResults(b, c.wide());
    });
    return b.array();
  }

  private static void putResults(ByteBuffer b, List<PdqResult> results) {
    for (PdqResult r : results) {
      b.put((byte) r.quality());
      putHash(b, r.hash());
    }
  }

  private static void putHash(ByteBuffer b, PdqHash h) {
    for (int i = 3; i >= 0; i--) {
      b.putLong(h.word(i));
    }
  }

  private static PdqHash getHash(ByteBuffer b) {
    long w3 = b.getLong();
    long w2 = b.getLong();
    long w1 = b.getLong();
    long w0 = b.getLong();
    return PdqHash.ofWords(w0, w1, w2, w3);
  }

  /**
   * Reads the binary form, refusing anything that is not exactly one canonical signal.
   *
   * @throws InvalidSignalException naming what is wrong and where
   */
  public static VideoHashes decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new InvalidSignalException("invalid vpdq hashes: " + bytes.length + " bytes (expected at most "
          + MAX_ENCODED_BYTES + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      int version = b.get() & 0xff;
      if (version != VERSION_STANDARD && version != VERSION_CENTRE) {
        throw new InvalidSignalException("invalid vpdq hashes: form version " + version + " (expected "
            + VERSION_STANDARD + " or " + VERSION_CENTRE + ")");
      }
      int n = b.getInt();
      if (n <= 0 || n > MAX_FRAMES) {
        throw new InvalidSignalException("invalid vpdq hashes: " + Integer.toUnsignedString(n)
            + " frames (expected 1 to " + MAX_FRAMES + ")");
      }
      if (b.remaining() < (long) n * FRAME_BYTES + 1) {
        throw new InvalidSignalException("invalid vpdq hashes: " + bytes.length + " bytes is too short for " + n
            + " frames");
      }
      List<VpdqFrame> frames = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int number = b.getInt();
        long millis = b.getInt() & 0xffff_ffffL;
        int quality = b.get() & 0xff;
        try {
          frames.add(VpdqFrame.of(number, millis, getHash(b), quality));
        } catch (IllegalArgumentException e) {
          throw new InvalidSignalException("invalid vpdq hashes: frame " + i + ": " + e.getMessage());
        }
      }
      int flag = b.get() & 0xff;
      Optional<VpdqContent> content = switch (flag) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(content(b, n));
        default -> throw new InvalidSignalException("invalid vpdq hashes: content flag " + flag + " (expected 0 or 1)");
      };
      Optional<VpdqCentre> centre = version == VERSION_CENTRE
          ? Optional.of(VpdqCentre.of(results(b, n, "centre 60% frame"), results(b, n, "centre 80% frame")))
          : Optional.empty();
      if (b.hasRemaining()) {
        throw new InvalidSignalException("invalid vpdq hashes: " + b.remaining() + " bytes after the end");
      }
      return of(frames, content, centre);
    } catch (BufferUnderflowException e) {
      throw new InvalidSignalException("invalid vpdq hashes: truncated at byte " + bytes.length);
    }
  }

  private static VpdqContent content(ByteBuffer b, int n) {
    int x = b.getInt();
    int y = b.getInt();
    int w = b.getInt();
    int h = b.getInt();
    List<PdqResult> frames = results(b, n, "content frame");
    try {
      return VpdqContent.of(x, y, w, h, frames);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignalException("invalid vpdq hashes: " + e.getMessage());
    }
  }

  private static List<PdqResult> results(ByteBuffer b, int n, String what) {
    List<PdqResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int quality = b.get() & 0xff;
      PdqHash hash = getHash(b);
      if (quality > 100) {
        throw new InvalidSignalException("invalid vpdq hashes: " + what + " " + i + " has quality " + quality
            + " (expected 0..100)");
      }
      out.add(PdqResult.of(hash, quality));
    }
    return out;
  }

  /**
   * Reads the base64 (RFC 4648, padded) of the binary form, as entries and the API carry it.
   *
   * @throws InvalidSignalException when the text is not base64 or not a canonical signal
   */
  public static VideoHashes fromBase64(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > (MAX_ENCODED_BYTES + 2) / 3 * 4) {
      throw new InvalidSignalException("invalid vpdq hashes: " + text.length() + " characters of base64 (expected at most "
          + (MAX_ENCODED_BYTES + 2) / 3 * 4 + ")");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignalException("invalid vpdq hashes: not base64 (" + e.getMessage() + ")");
    }
    VideoHashes v = decode(bytes);
    if (!v.base64().equals(text)) {
      throw new InvalidSignalException("invalid vpdq hashes: base64 is not in canonical (padded, standard) form");
    }
    return v;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The standard frames, in order. */
  public List<VpdqFrame> frames() {
    return frames;
  }

  /** The content-area hashes, when the video has borders. */
  public Optional<VpdqContent> content() {
    return content;
  }

  /** The centre hashes (spec/video.md section 2.2), when hashfed hashed the video itself. */
  public Optional<VpdqCentre> centre() {
    return centre;
  }

  /** These hashes without the centre hashes: what a version-1 reader or a plain vPDQ tool can hold. */
  public VideoHashes withoutCentre() {
    return centre.isEmpty() ? this : of(frames, content, Optional.empty());
  }

  /** The canonical binary form (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The canonical binary form in padded standard base64. */
  public String base64() {
    return Base64.getEncoder().encodeToString(encoded);
  }

  /** SHA-256 of the binary form, 64 lowercase hex digits: the signal's value. */
  public String digest() {
    return digest;
  }

  /** Whether any frame, standard or content-area, reaches {@link PdqResult#MIN_SHAREABLE_QUALITY}. */
  public boolean hasShareableFrame() {
    for (VpdqFrame f : frames) {
      if (f.quality() >= PdqResult.MIN_SHAREABLE_QUALITY) {
        return true;
      }
    }
    return content.isPresent()
        && content.get().frames().stream().anyMatch(r -> r.quality() >= PdqResult.MIN_SHAREABLE_QUALITY)
        || centre.isPresent() && centre.get().anyReaches(PdqResult.MIN_SHAREABLE_QUALITY);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoHashes v && v.digest.equals(digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "vpdq:" + digest + " (" + frames.size() + " frames" + (content.isPresent() ? ", content area" : "")
        + (centre.isPresent() ? ", centre" : "") + ")";
  }
}
