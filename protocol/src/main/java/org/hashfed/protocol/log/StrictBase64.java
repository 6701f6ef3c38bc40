package org.hashfed.protocol.log;

import java.util.Base64;

/** Standard base64 (RFC 4648 section 4) accepting only the canonical, padded encoding. */
final class StrictBase64 {

  private StrictBase64() {}

  /**
   * Decodes {@code text}; the JDK decoder tolerates missing padding and stray low bits, so the
   * result is re-encoded and compared to make every value have exactly one accepted spelling.
   *
   * @throws IllegalArgumentException naming {@code what} when the text is not canonical base64
   */
  static byte[] decode(String text, String what) {
    if (text == null) {
      throw new IllegalArgumentException("invalid " + what + " null: expected standard base64");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid " + what + " \"" + abbreviate(text) + "\": expected standard base64 (" + e.getMessage() + ")", e);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(
          "invalid " + what + " \"" + abbreviate(text) + "\": expected canonical padded standard base64");
    }
    return decoded;
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
