package org.hashfed.protocol.entry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** An entry's id: SHA-256 of the entry's payload bytes exactly as signed, 64 lowercase hex digits. */
public final class EntryId {

  private static final Pattern PATTERN = Pattern.compile("[0-9a-f]{64}");

  private final String hex;

  private EntryId(String hex) {
    this.hex = hex;
  }

  /**
   * Parses the 64-lowercase-hex-digit form.
   *
   * @throws IllegalArgumentException when the text is not 64 lowercase hex digits
   */
  public static EntryId parse(String hex) {
    return new EntryId(Text.matching(hex, PATTERN, 64, "entry id",
        "64 lowercase hex digits (SHA-256 of the entry payload)"));
  }

  /** The id of the given payload bytes. */
  public static EntryId ofPayload(byte[] payload) {
    try {
      return new EntryId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * The id whose SHA-256 digest bytes are {@code digest}, as stored in binary records.
   *
   * @throws IllegalArgumentException when {@code digest} is not 32 bytes
   */
  public static EntryId ofDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("entry id of " + digest.length + " bytes (expected: 32, a SHA-256 digest)");
    }
    return new EntryId(HexFormat.of().formatHex(digest));
  }

  /** The 64 lowercase hex digits. */
  public String hex() {
    return hex;
  }

  /** The 32 digest bytes. */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryId e && e.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
