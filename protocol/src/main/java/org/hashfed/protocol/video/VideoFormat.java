package org.hashfed.protocol.video;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Video containers hashfed hashes with vPDQ, recognised by their magic bytes, never by file name.
 * A still GIF is an image ({@code ImageFormat.GIF}); a GIF with more than one frame is also a video.
 */
public enum VideoFormat {
  /** ISO base media: MP4, MOV, 3GP, M4V ({@code ftyp} box first), except still-image brands. */
  MP4,
  /** Matroska and WebM (EBML header). */
  MATROSKA,
  /** AVI ({@code RIFF....AVI }). */
  AVI,
  /** Flash video. */
  FLV,
  /** MPEG transport stream: sync bytes at the start of the first two 188-byte packets. */
  MPEG_TS,
  /** A GIF with more than one image. */
  ANIMATED_GIF;

  /** Bytes of a file's start that {@link #sniff} needs for every container; GIFs need the whole file. */
  public static final int HEADER_BYTES = 189;

  private static final int TS_PACKET = 188;

  // HEIF and AVIF stills use the ftyp box too; they are images, not videos.
  private static final Set<String> STILL_IMAGE_BRANDS = Set.of("heic", "heix", "heim", "heis", "mif1", "avif");

  /** The container whose signature starts {@code data[0..length)}, or empty when none does. */
  public static Optional<VideoFormat> sniff(byte[] data, int length) {
    int n = Math.min(length, data.length);
    if (n >= 12 && ascii(data, 4, 4).equals("ftyp")) {
      return STILL_IMAGE_BRANDS.contains(ascii(data, 8, 4)) ? Optional.empty() : Optional.of(MP4);
    }
    if (n >= 4 && u8(data, 0) == 0x1A && u8(data, 1) == 0x45 && u8(data, 2) == 0xDF && u8(data, 3) == 0xA3) {
      return Optional.of(MATROSKA);
    }
    if (n >= 12 && ascii(data, 0, 4).equals("RIFF") && ascii(data, 8, 4).equals("AVI ")) {
      return Optional.of(AVI);
    }
    if (n >= 3 && ascii(data, 0, 3).equals("FLV")) {
      return Optional.of(FLV);
    }
    if (n > TS_PACKET && u8(data, 0) == 0x47 && u8(data, TS_PACKET) == 0x47) {
      return Optional.of(MPEG_TS);
    }
    if (n >= 6 && ascii(data, 0, 4).equals("GIF8") && gifImages(data, n) > 1) {
      return Optional.of(ANIMATED_GIF);
    }
    return Optional.empty();
  }

  /**
   * Counts the image descriptors of a GIF, stopping at 2 or at the end of {@code data}: the header,
   * the global colour table, then extension blocks ({@code 0x21}) and images ({@code 0x2C}), each
   * followed by length-prefixed data sub-blocks.
   */
  private static int gifImages(byte[] data, int n) {
    int pos = 13;
    if (n < pos) {
      return 0;
    }
    int flags = u8(data, 10);
    if ((flags & 0x80) != 0) {
      pos += 3 << ((flags & 0x07) + 1);
    }
    int images = 0;
    while (pos < n && images < 2) {
      int block = u8(data, pos);
      if (block == 0x21) {
        pos = skipSubBlocks(data, n, pos + 2);
      } else if (block == 0x2C) {
        images++;
        if (pos + 10 > n) {
          break;
        }
        int imageFlags = u8(data, pos + 9);
        pos += 10;
        if ((imageFlags & 0x80) != 0) {
          pos += 3 << ((imageFlags & 0x07) + 1);
        }
        pos = skipSubBlocks(data, n, pos + 1); // after the LZW minimum code size
      } else {
        break; // 0x3B trailer, or not a GIF block
      }
    }
    return images;
  }

  private static int skipSubBlocks(byte[] data, int n, int pos) {
    while (pos < n) {
      int size = u8(data, pos);
      pos += 1 + size;
      if (size == 0) {
        return pos;
      }
    }
    return n;
  }

  private static int u8(byte[] data, int i) {
    return data[i] & 0xFF;
  }

  private static String ascii(byte[] data, int from, int length) {
    return new String(data, from, length, StandardCharsets.US_ASCII);
  }
}
