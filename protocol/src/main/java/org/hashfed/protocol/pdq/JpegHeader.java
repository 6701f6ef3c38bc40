package org.hashfed.protocol.pdq;

import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * What a JPEG's markers say about its colours, read from the segments before the first scan: enough
 * to tell whether its Y channel is the luminance that PDQ hashes.
 */
final class JpegHeader {

  private static final int SOI = 0xD8;
  private static final int SOS = 0xDA;
  private static final int APP0 = 0xE0;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;

  private JpegHeader() {}

  /**
   * True when the JPEG holds 8-bit YCbCr with no embedded colour profile: its Y channel is then
   * exactly {@code 0.299 R + 0.587 G + 0.114 B} of the sRGB colours it decodes to (before they are
   * rounded to 8 bits). Anything unusual (RGB or CMYK storage, a profile, 12 bits, a marker this
   * scan does not understand) answers false and is decoded in full colour. The stream is left at
   * its start.
   */
  static boolean isPlainYCbCr(ImageInputStream in) throws IOException {
    in.mark();
    try {
      return scan(in);
    } catch (IOException e) {
      // A damaged header is the full decoder's to report, with its own message.
      return false;
    } finally {
      in.reset();
    }
  }

  private static boolean scan(ImageInputStream in) throws IOException {
    if (in.read() != 0xFF || in.read() != SOI) {
      return false;
    }
    boolean jfif = false;
    int adobeTransform = -1;
    int[] componentIds = null;
    while (true) {
      int ff = in.read();
      int marker = in.read();
      while (marker == 0xFF) {
        marker = in.read();
      }
      if (ff != 0xFF || marker < 0) {
        return false;
      }
      if (marker == SOS) {
        break;
      }
      int length = in.readUnsignedShort() - 2;
      if (length < 0) {
        return false;
      }
      long next = in.getStreamPosition() + length;
      if (marker == APP0 && length >= 5 && readTag(in, 5).equals("JFIF\0")) {
        jfif = true;
      } else if (marker == APP2 && length >= 12 && readTag(in, 12).equals("ICC_PROFILE\0")) {
        return false;
      } else if (marker == APP14 && length >= 12 && readTag(in, 5).equals("Adobe")) {
        in.skipBytes(6);
        adobeTransform = in.read();
      } else if (isStartOfFrame(marker)) {
        if (in.read() != 8) {
          return false;
        }
        in.skipBytes(4);
        int components = in.read();
        if (components != 3) {
          return false;
        }
        componentIds = new int[3];
        for (int c = 0; c < 3; c++) {
          componentIds[c] = in.read();
          in.skipBytes(2);
        }
      }
      in.seek(next);
    }
    if (componentIds == null) {
      return false;
    }
    // libjpeg's rule for the stored colour space of a 3-component image.
    if (adobeTransform >= 0) {
      return adobeTransform == 1;
    }
    return jfif || !(componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B');
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static String readTag(ImageInputStream in, int length) throws IOException {
    byte[] tag = new byte[length];
    in.readFully(tag);
    return new String(tag, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
