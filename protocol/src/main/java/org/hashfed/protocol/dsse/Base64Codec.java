package org.hashfed.protocol.dsse;

import java.util.Base64;

/** Decodes standard or URL-safe base64, with or without padding, never a mix of the two alphabets. */
final class Base64Codec {

  private Base64Codec() {}

  static byte[] decode(String text, String what) throws EnvelopeFormatException {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeFormatException(what + " " + Envelope.quote(text)
          + " is not base64: expected standard or URL-safe base64 (" + e.getMessage() + ")");
    }
  }
}
