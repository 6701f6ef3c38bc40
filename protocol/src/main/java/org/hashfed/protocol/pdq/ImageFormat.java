package org.hashfed.protocol.pdq;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Image formats hashfed decodes, recognised by their magic bytes, never by file name. */
public enum ImageFormat {
  /** JPEG, baseline or progressive, any colour model (including CMYK and YCCK). */
  JPEG,
  /** PNG, any bit depth and colour type. */
  PNG,
  /** GIF; the first frame is hashed. */
  GIF,
  /** Windows bitmap. */
  BMP,
  /** WebP, lossy or lossless. */
  WEBP;

  /** Bytes of a file's start that {@link #sniff} needs to recognise every format. */
  public static final int HEADER_BYTES = 12;

  /** The format whose signature starts {@code header[0..length)}, or empty when none does. */
  public static Optional<ImageFormat> sniff(byte[] header, int length) {
    if (startsWith(header, length, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(header, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(header, length, 'G', 'I', 'F', '8') && length >= 6 && (header[4] == '7' || header[4] == '9')
        && header[5] == 'a') {
      return Optional.of(GIF);
    }
    if (startsWith(header, length, 'B', 'M') && length >= 6) {
      return Optional.of(BMP);
    }
    if (length >= 12
        && "RIFF".equals(new String(header, 0, 4, StandardCharsets.US_ASCII))
        && "WEBP".equals(new String(header, 8, 4, StandardCharsets.US_ASCII))) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] header, int length, int... signature) {
    if (length < signature.length || header.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((header[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
