package org.hashfed.protocol.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The C2SP tlog-cosignature v1 signed message and {@code timestamped_signature} layout. */
final class Cosignatures {

  /** 8-byte big-endian timestamp followed by a 64-byte Ed25519 signature. */
  static final int LENGTH = 8 + BcEd25519.SIGNATURE_LENGTH;

  private Cosignatures() {}

  /** {@code "cosignature/v1\ntime <timestamp>\n" || checkpoint note text}. */
  static byte[] signedMessage(long timestamp, byte[] text) {
    byte[] header = ("cosignature/v1\ntime " + Long.toString(timestamp) + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + text.length);
    out.writeBytes(header);
    out.writeBytes(text);
    return out.toByteArray();
  }
}
