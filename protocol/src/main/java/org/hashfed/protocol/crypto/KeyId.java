package org.hashfed.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hashfed.protocol.text.Quoted;

/** A public key's identifier: lowercase hex of SHA-256 over the 32 raw public key bytes (64 digits). */
public final class KeyId {

  /** Number of hex digits in a key id. */
  public static final int HEX_LENGTH = 64;

  private final String hex;

  private KeyId(String hex) {
    this.hex = hex;
  }

  /**
   * Parses the 64-lowercase-hex-digit form.
   *
   * @throws IllegalArgumentException when the text is not exactly 64 lowercase hex digits
   */
  public static KeyId parse(String hex) {
    if (hex == null || hex.length() != HEX_LENGTH || !isLowerHex(hex)) {
      throw new IllegalArgumentException("invalid key id " + (hex == null ? "null" : "\"" + Quoted.abbreviate(hex) + "\"")
          + ": expected 64 lowercase hex digits (SHA-256 of the Ed25519 public key)");
    }
    return new KeyId(hex);
  }

  static KeyId of(byte[] publicKeyBytes) {
    try {
      return new KeyId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKeyBytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The 64 lowercase hex digits. */
  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId k && k.hex.equals(hex);
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
