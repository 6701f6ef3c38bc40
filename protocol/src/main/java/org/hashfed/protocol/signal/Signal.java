package org.hashfed.protocol.signal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hashfed.protocol.text.Quoted;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * One hash value of a known type, normalised to lowercase hex; PDQ values may carry a quality. A
 * {@code vpdq} signal carries its frame hashes, and its value is their digest.
 */
public final class Signal {

  /** Highest PDQ quality. */
  public static final int MAX_QUALITY = 100;

  private final SignalType type;
  private final String value;
  private final Integer quality;
  private final VideoHashes video;

  private Signal(SignalType type, String value, Integer quality, VideoHashes video) {
    this.type = type;
    this.value = value;
    this.quality = quality;
    this.video = video;
  }

  /** A {@code vpdq} signal: the video's frame hashes, identified by their digest. */
  public static Signal vpdq(VideoHashes hashes) {
    Objects.requireNonNull(hashes, "hashes");
    return new Signal(SignalType.VPDQ, hashes.digest(), null, hashes);
  }

  /**
   * Parses a type name and a hex value, without quality.
   *
   * @throws InvalidSignalException when the type is unknown or the value is not the expected hex
   */
  public static Signal parse(String type, String value) {
    return of(SignalType.parse(type), value);
  }

  /**
   * A signal of the given type; upper-case hex is accepted and lowercased, nothing else is changed.
   *
   * @throws InvalidSignalException when the value is not exactly the type's number of hex digits
   */
  public static Signal of(SignalType type, String value) {
    return create(type, value, null);
  }

  /**
   * A PDQ signal with an optional quality in 0..100.
   *
   * @throws InvalidSignalException when the hex or the quality is invalid
   */
  public static Signal pdq(String hex, Integer qualityOrNull) {
    return create(SignalType.PDQ, hex, qualityOrNull);
  }

  /**
   * A signal with an optional quality, which only PDQ accepts.
   *
   * @throws InvalidSignalException when the value or quality is invalid for the type
   */
  public static Signal create(SignalType type, String value, Integer qualityOrNull) {
    Objects.requireNonNull(type, "type");
    if (type == SignalType.VPDQ) {
      throw new InvalidSignalException("invalid vpdq signal: a vpdq signal carries its frame hashes, not only a value"
          + " (expected the frames, e.g. as a python-threatexchange vpdq string)");
    }
    String normalised = normaliseHex(type, value);
    if (qualityOrNull != null) {
      if (type != SignalType.PDQ) {
        throw new InvalidSignalException("invalid " + type.wireName() + " signal: quality " + qualityOrNull
            + " given, but only pdq signals have a quality");
      }
      if (qualityOrNull < 0 || qualityOrNull > MAX_QUALITY) {
        throw new InvalidSignalException(
            "invalid pdq quality " + qualityOrNull + ": expected an integer from 0 to 100");
      }
    }
    return new Signal(type, normalised, qualityOrNull, null);
  }

  private static String normaliseHex(SignalType type, String value) {
    int expected = type.hexLength();
    if (value == null) {
      throw new InvalidSignalException("invalid " + type.wireName() + " value null: expected " + expected + " hex digits");
    }
    if (value.length() != expected) {
      throw new InvalidSignalException("invalid " + type.wireName() + " value " + quote(value) + ": expected "
          + expected + " hex digits, got " + value.length() + " characters");
    }
    char[] out = new char[expected];
    for (int i = 0; i < expected; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
        out[i] = c;
      } else if (c >= 'A' && c <= 'F') {
        out[i] = (char) (c + ('a' - 'A'));
      } else {
        throw new InvalidSignalException("invalid " + type.wireName() + " value " + quote(value) + ": character "
            + quote(String.valueOf(c)) + " at position " + i + " is not a hex digit (expected " + expected
            + " hex digits)");
      }
    }
    return new String(out);
  }

  static String quote(String s) {
    return Quoted.quote(s);
  }

  /** The signal's type. */
  public SignalType type() {
    return type;
  }

  /** The value in lowercase hex. */
  public String value() {
    return value;
  }

  /** The PDQ quality, when one was given. */
  public OptionalInt quality() {
    return quality == null ? OptionalInt.empty() : OptionalInt.of(quality);
  }

  /** The frame hashes of a {@code vpdq} signal; empty for every other type. */
  public Optional<VideoHashes> video() {
    return Optional.ofNullable(video);
  }

  /** The same signal without its quality: the identity used for matching and indexing. */
  public Signal withoutQuality() {
    return quality == null ? this : new Signal(type, value, null, video);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signal s && s.type == type && s.value.equals(value) && Objects.equals(s.quality, quality);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, value, quality);
  }

  /** {@code type:value}, e.g. {@code md5:d41d8cd98f00b204e9800998ecf8427e}. */
  @Override
  public String toString() {
    return type.wireName() + ":" + value;
  }
}
