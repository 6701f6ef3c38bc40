package org.hashfed.protocol.signal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of hash a member can share. */
public enum SignalType {
  /** 256-bit PDQ perceptual image hash, 64 hex digits, with a quality 0..100. */
  PDQ("pdq", 64),
  /** MD5 of the file bytes, 32 hex digits. */
  MD5("md5", 32),
  /** SHA-256 of the file bytes, 64 hex digits. */
  SHA256("sha256", 64),
  /**
   * vPDQ video hash: per-frame PDQ hashes; the value is the SHA-256 of their binary form (64 hex
   * digits), the frames travel with it (spec/video.md).
   */
  VPDQ("vpdq", 64);

  private final String wireName;
  private final int hexLength;

  SignalType(String wireName, int hexLength) {
    this.wireName = wireName;
    this.hexLength = hexLength;
  }

  /** The name used on the wire and in the CLI: {@code pdq}, {@code md5}, {@code sha256}, {@code vpdq}. */
  public String wireName() {
    return wireName;
  }

  /** Number of lowercase hex digits in a value of this type. */
  public int hexLength() {
    return hexLength;
  }

  /**
   * Parses a wire name, exactly as written (lowercase).
   *
   * @throws InvalidSignalException when the name is not one of the known types
   */
  public static SignalType parse(String name) {
    for (SignalType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new InvalidSignalException("unknown signal type " + Signal.quote(name) + ": expected one of "
        + Arrays.stream(values()).map(SignalType::wireName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
