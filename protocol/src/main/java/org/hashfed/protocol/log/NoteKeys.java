package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Key IDs and the {@code <name>+<hex key ID>+<base64(type || key)>} key strings of C2SP signed-note. */
final class NoteKeys {

  /** Signature type of plain Ed25519 note signatures (log checkpoints). */
  static final byte TYPE_ED25519 = 0x01;
  /** Signature type of timestamped Ed25519 witness cosignatures (C2SP tlog-cosignature). */
  static final byte TYPE_COSIGNATURE_V1 = 0x04;

  static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

  private NoteKeys() {}

  /** {@code SHA-256(name || 0x0A || type || key)[:4]} as a big-endian integer. */
  static int keyId(String name, byte type, byte[] key) {
    Hash32 hash = Hash32.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {0x0A, type}, key);
    return ByteBuffer.wrap(hash.unsafeBytes()).getInt();
  }

  static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  static String checkName(String name) {
    if (!NoteText.isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "invalid key name \"" + name + "\": expected a non-empty name without spaces, '+' or control characters");
    }
    return name;
  }

  /** {@code name+hex(keyId)+base64(type || key)}. */
  static String format(String name, int keyId, byte type, byte[] key) {
    byte[] typed = new byte[key.length + 1];
    typed[0] = type;
    System.arraycopy(key, 0, typed, 1, key.length);
    return name + "+" + hex(keyId) + "+" + StrictBase64.encode(typed);
  }

  /** A parsed key string: name and the key bytes after the type byte. */
  record Parsed(String name, int keyId, byte[] key) {}

  /**
   * Parses {@code name+hex(keyId)+base64(type || key)} with a {@code keyLength}-byte key and
   * checks the key ID against {@code idKey}, the public key the ID commits to.
   */
  static Parsed parse(String text, String what, byte type, int keyLength, java.util.function.UnaryOperator<byte[]> idKey)
      throws LogFormatException {
    if (text == null) {
      throw new LogFormatException("invalid " + what + " null: expected <name>+<8 hex digits>+<base64 key>");
    }
    // Names hold no '+' but base64 may, so the key is everything after the second '+'.
    int first = text.indexOf('+');
    int second = first > 0 ? text.indexOf('+', first + 1) : -1;
    if (second < 0) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": expected <name>+<8 hex digits>+<base64 key>");
    }
    String name = text.substring(0, first);
    String idHex = text.substring(first + 1, second);
    String keyText = text.substring(second + 1);
    if (!NoteText.isValidKeyName(name)) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": bad key name \"" + name + "\"");
    }
    if (idHex.length() != 8 || !idHex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new LogFormatException(
          "invalid " + what + " \"" + text + "\": key ID \"" + idHex + "\" is not 8 lowercase hex digits");
    }
    byte[] typed;
    try {
      typed = StrictBase64.decode(keyText, "key");
    } catch (IllegalArgumentException e) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": " + e.getMessage(), e);
    }
    if (typed.length != keyLength + 1 || typed[0] != type) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": expected signature type 0x"
          + HexFormat.of().toHexDigits(type) + " and a " + keyLength + "-byte key");
    }
    byte[] key = java.util.Arrays.copyOfRange(typed, 1, typed.length);
    int keyId = (int) Long.parseLong(idHex, 16);
    byte[] committed;
    try {
      committed = idKey.apply(key);
    } catch (IllegalArgumentException e) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": " + e.getMessage(), e);
    }
    int expected = keyId(name, type, committed);
    if (expected != keyId) {
      throw new LogFormatException("invalid " + what + " \"" + text + "\": key ID " + idHex
          + " does not match the key (expected: " + hex(expected) + ")");
    }
    return new Parsed(name, keyId, key);
  }
}
