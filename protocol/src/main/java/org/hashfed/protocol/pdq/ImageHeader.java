package org.hashfed.protocol.pdq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.ImageInputStream;

/**
 * What an image file's header declares, read before anything is decoded: its size, the bytes per
 * pixel of its decoded form and, for a JPEG, its number of scans. A decoder sizes its buffers from
 * these values, so they are what {@link ImageLimits} checks: a 6 KB file may declare 65500x65500.
 *
 * <p>Reading is linear in the file's size and buffered; a JPEG's scans are counted up to one past
 * the limit, then reading stops.
 */
final class ImageHeader {

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private final ImageFormat format;
  private final long width;
  private final long height;
  private final int bytesPerPixel;
  private final int scans;

  private ImageHeader(ImageFormat format, long width, long height, int bytesPerPixel, int scans) {
    this.format = format;
    this.width = width;
    this.height = height;
    this.bytesPerPixel = bytesPerPixel;
    this.scans = scans;
  }

  /**
   * Reads the header of an image of the given format; the stream is left at its start.
   *
   * @param maxScans JPEG scans are counted up to {@code maxScans + 1}
   * @throws ImageDecodeException (reason INVALID) when the header is truncated or malformed
   */
  static ImageHeader read(ImageInputStream in, ImageFormat format, int maxScans) throws ImageDecodeException {
    try {
      in.mark();
      try {
        Cursor c = new Cursor(in);
        ImageHeader h = switch (format) {
          case JPEG -> jpeg(c, maxScans);
          case PNG -> png(c);
          case GIF -> gif(c);
          case BMP -> bmp(c);
          case WEBP -> webp(c);
        };
        if (h.width <= 0 || h.height <= 0) {
          throw invalid(format, "invalid size " + h.width + "x" + h.height);
        }
        return h;
      } finally {
        in.reset();
      }
    } catch (IOException e) {
      throw new ImageDecodeException("cannot decode " + format + " image: " + e.getMessage(), e);
    }
  }

  ImageFormat format() {
    return format;
  }

  long width() {
    return width;
  }

  long height() {
    return height;
  }

  long pixels() {
    return width * height;
  }

  /** Bytes per pixel of the decoded image (channels x bytes per sample). */
  int bytesPerPixel() {
    return bytesPerPixel;
  }

  /** Scans (SOS markers) of a JPEG up to one past the limit it was read with; 1 for other formats. */
  int scans() {
    return scans;
  }

  private static ImageHeader jpeg(Cursor c, int maxScans) throws IOException, ImageDecodeException {
    if (c.u8() != 0xFF || c.u8() != 0xD8) {
      throw invalid(ImageFormat.JPEG, "no start of image marker");
    }
    long width = -1;
    long height = -1;
    int bytes = 0;
    int scans = 0;
    int marker = nextMarker(c);
    while (marker >= 0 && marker != EOI && scans <= maxScans) {
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        marker = nextMarker(c);
        continue;
      }
      int length = c.u16be() - 2;
      if (length < 0) {
        throw invalid(ImageFormat.JPEG, "segment length " + (length + 2) + " of marker 0x" + Integer.toHexString(marker));
      }
      if (isStartOfFrame(marker) && width < 0) {
        if (length < 6) {
          throw invalid(ImageFormat.JPEG, "frame header of " + (length + 2) + " bytes (expected: at least 8)");
        }
        int precision = c.u8();
        height = c.u16be();
        width = c.u16be();
        int components = c.u8();
        if (components < 1 || components > 4) {
          throw invalid(ImageFormat.JPEG, components + " components (expected: 1 to 4)");
        }
        bytes = components * (precision > 8 ? 2 : 1);
        c.skip(length - 6L);
        marker = nextMarker(c);
      } else if (marker == SOS) {
        scans++;
        c.skip(length);
        marker = skipEntropyCodedData(c);
      } else {
        c.skip(length);
        marker = nextMarker(c);
      }
    }
    if (width < 0) {
      throw invalid(ImageFormat.JPEG, "no frame header (SOF marker)");
    }
    if (height == 0) {
      throw invalid(ImageFormat.JPEG, "height 0 (a DNL marker), which the decoder does not support");
    }
    return new ImageHeader(ImageFormat.JPEG, width, height, bytes, scans);
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** The code of the next marker, skipping bytes that are none (as libjpeg does), or -1 at the end. */
  private static int nextMarker(Cursor c) throws IOException {
    int b;
    do {
      b = c.read();
    } while (b >= 0 && b != 0xFF);
    return markerAfterFf(c);
  }

  /**
   * Skips a scan's entropy-coded data: an FF there is followed by 00 (a data byte) or a restart
   * marker; any other code is the next marker, returned (-1 at the end).
   */
  private static int skipEntropyCodedData(Cursor c) throws IOException {
    while (true) {
      int b = c.read();
      if (b < 0) {
        return -1;
      }
      if (b == 0xFF) {
        int m = markerAfterFf(c);
        if (m != 0x00 && !(m >= 0xD0 && m <= 0xD7)) {
          return m;
        }
      }
    }
  }

  private static int markerAfterFf(Cursor c) throws IOException {
    int m;
    do {
      m = c.read();
    } while (m == 0xFF);
    return m;
  }

  private static ImageHeader png(Cursor c) throws IOException, ImageDecodeException {
    c.skip(8);
    c.u32be();
    if (!"IHDR".equals(c.fourCc())) {
      throw invalid(ImageFormat.PNG, "the first chunk is not IHDR");
    }
    long width = c.u32be();
    long height = c.u32be();
    int depth = c.u8();
    int colourType = c.u8();
    int channels = switch (colourType) {
      case 0, 3 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> throw invalid(ImageFormat.PNG, "colour type " + colourType + " (expected: 0, 2, 3, 4 or 6)");
    };
    if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16) {
      throw invalid(ImageFormat.PNG, "bit depth " + depth + " (expected: 1, 2, 4, 8 or 16)");
    }
    if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw invalid(ImageFormat.PNG, "size " + width + "x" + height + " (expected: at most 2^31-1 each)");
    }
    return new ImageHeader(ImageFormat.PNG, width, height, channels * (depth == 16 ? 2 : 1), 1);
  }

  private static ImageHeader gif(Cursor c) throws IOException, ImageDecodeException {
    c.skip(6);
    c.u16le();
    c.u16le();
    int packed = c.u8();
    c.skip(2);
    if ((packed & 0x80) != 0) {
      c.skip(3L << ((packed & 7) + 1));
    }
    while (true) {
      int block = c.u8();
      if (block == 0x21) {
        c.u8();
        for (int n = c.u8(); n != 0; n = c.u8()) {
          c.skip(n);
        }
      } else if (block == 0x2C) {
        c.u16le();
        c.u16le();
        // The decoder sizes the first image by its own descriptor, not by the logical screen.
        long width = c.u16le();
        long height = c.u16le();
        return new ImageHeader(ImageFormat.GIF, width, height, 1, 1);
      } else {
        throw invalid(ImageFormat.GIF, "no image before block 0x" + Integer.toHexString(block));
      }
    }
  }

  private static ImageHeader bmp(Cursor c) throws IOException, ImageDecodeException {
    c.skip(14);
    long infoSize = c.u32le();
    long width;
    long height;
    int bits;
    if (infoSize == 12) {
      width = c.u16le();
      height = c.u16le();
      c.u16le();
      bits = c.u16le();
    } else if (infoSize >= 16) {
      width = c.s32le();
      height = Math.abs((long) c.s32le());
      c.u16le();
      bits = c.u16le();
    } else {
      throw invalid(ImageFormat.BMP, "info header of " + infoSize + " bytes (expected: 12, 40 or more)");
    }
    int bytes = bits <= 8 ? 1 : bits <= 24 ? 3 : bits <= 32 ? 4 : 8;
    return new ImageHeader(ImageFormat.BMP, width, height, bytes, 1);
  }

  /**
   * WebP: the largest size declared by the canvas (VP8X), the first animation frame (ANMF) and the
   * first bitstream (VP8, VP8L), since the decoder allocates by each of them.
   */
  private static ImageHeader webp(Cursor c) throws IOException, ImageDecodeException {
    c.skip(12);
    long[] size = {0, 0};
    while (true) {
      String type = c.fourCc();
      long length = c.u32le();
      long next = c.position() + length + (length & 1);
      switch (type) {
        case "VP8X" -> {
          c.skip(4);
          largest(size, c.u24le() + 1L, c.u24le() + 1L);
        }
        case "ANMF" -> {
          c.skip(6);
          largest(size, c.u24le() + 1L, c.u24le() + 1L);
          c.skip(4);
          String frame = c.fourCc();
          long frameLength = c.u32le();
          if ("ALPH".equals(frame)) {
            c.skip(frameLength + (frameLength & 1));
            frame = c.fourCc();
            c.u32le();
          }
          bitstream(c, frame, size);
          return new ImageHeader(ImageFormat.WEBP, size[0], size[1], 4, 1);
        }
        case "VP8 ", "VP8L" -> {
          bitstream(c, type, size);
          return new ImageHeader(ImageFormat.WEBP, size[0], size[1], 4, 1);
        }
        default -> {
          // ICCP, ANIM, EXIF, XMP, ALPH and unknown chunks carry no size of their own
        }
      }
      c.skip(next - c.position());
    }
  }

  private static void bitstream(Cursor c, String type, long[] size) throws IOException, ImageDecodeException {
    if ("VP8 ".equals(type)) {
      c.skip(3);
      if (c.u8() != 0x9D || c.u8() != 0x01 || c.u8() != 0x2A) {
        throw invalid(ImageFormat.WEBP, "no VP8 start code");
      }
      largest(size, c.u16le() & 0x3FFF, c.u16le() & 0x3FFF);
    } else if ("VP8L".equals(type)) {
      if (c.u8() != 0x2F) {
        throw invalid(ImageFormat.WEBP, "no VP8L signature");
      }
      long bits = c.u32le();
      largest(size, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
    } else {
      throw invalid(ImageFormat.WEBP, "animation frame holds a '" + type + "' chunk (expected: VP8 or VP8L)");
    }
  }

  private static void largest(long[] size, long width, long height) {
    if (width * height > size[0] * size[1] || size[0] == 0) {
      size[0] = width;
      size[1] = height;
    }
  }

  private static ImageDecodeException invalid(ImageFormat format, String what) {
    return new ImageDecodeException("cannot decode " + format + " image: " + what);
  }

  /** Buffered little reads over the stream, so that scanning a large file costs no call per byte. */
  private static final class Cursor {
    private final ImageInputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private long base;
    private int pos;
    private int limit;

    Cursor(ImageInputStream in) throws IOException {
      this.in = in;
      this.base = in.getStreamPosition();
    }

    long position() {
      return base + pos;
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
      if (pos == limit) {
        base += limit;
        pos = 0;
        limit = Math.max(in.read(buffer, 0, buffer.length), 0);
        if (limit == 0) {
          return -1;
        }
      }
      return buffer[pos++] & 0xFF;
    }

    int u8() throws IOException {
      int b = read();
      if (b < 0) {
        throw new java.io.EOFException("truncated header");
      }
      return b;
    }

    int u16be() throws IOException {
      return u8() << 8 | u8();
    }

    int u16le() throws IOException {
      return u8() | u8() << 8;
    }

    int u24le() throws IOException {
      return u8() | u8() << 8 | u8() << 16;
    }

    long u32be() throws IOException {
      return (long) u16be() << 16 | u16be();
    }

    long u32le() throws IOException {
      return u16le() | (long) u16le() << 16;
    }

    int s32le() throws IOException {
      return (int) u32le();
    }

    String fourCc() throws IOException {
      byte[] b = {(byte) u8(), (byte) u8(), (byte) u8(), (byte) u8()};
      return new String(b, StandardCharsets.ISO_8859_1);
    }

    void skip(long n) throws IOException {
      if (n < 0) {
        throw new java.io.EOFException("a length that points backwards");
      }
      if (n <= limit - pos) {
        pos += (int) n;
        return;
      }
      long target = position() + n;
      // Past the end is a truncated file; and MemoryCacheImageInputStream, whose length is unknown,
      // throws IndexOutOfBoundsException on a read more than 2 GiB past its end (an int overflow).
      long length = in.length();
      if (target > Integer.MAX_VALUE || (length >= 0 && target > length)) {
        throw new java.io.EOFException("truncated header");
      }
      in.seek(target);
      base = target;
      pos = 0;
      limit = 0;
    }
  }
}
