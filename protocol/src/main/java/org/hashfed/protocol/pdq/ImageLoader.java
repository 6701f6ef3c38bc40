package org.hashfed.protocol.pdq;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files into {@link BufferedImage}s for hashing, through ImageIO and the TwelveMonkeys
 * plugins (CMYK/YCCK JPEG, WebP).
 *
 * <p>A YCbCr JPEG without a colour profile (the common photo) is decoded to its Y channel alone, in
 * {@link LumaColorSpace}, by {@link JpegLumaDecoder} when it is Huffman-coded and that decoder is
 * the faster one for it (progressive, scaled to a quarter of the pixels or less, or small), else by ImageIO: Y is
 * the luminance PDQ hashes, and skipping the chroma channels and the colour conversion makes
 * decoding about three times faster. That decoder also scales each side down in the DCT, by up to
 * 8, while it stays at least {@value #MIN_SCALED_SIDE} pixels long. Such an image is grey, and
 * possibly smaller, to any other reader; the images this class returns are meant for hashing.
 *
 * <p>A non-interlaced PNG without a colour profile is decoded straight to its luma by
 * {@link PngLumaDecoder}, with the values the general path gives, without an RGB image.
 *
 * <p>Every failure, including a truncated file that a decoder would silently pad with grey, comes
 * out as an {@link ImageDecodeException}. Only the formats of {@link ImageFormat} are decoded, and
 * only within {@link ImageLimits}: the header's size (and a JPEG's scan count) is checked before
 * decoding, and the decoder is stopped when the decoding time runs out. The first image (GIF: first
 * frame) is decoded, at full resolution up to {@link #MAX_FULL_PIXELS}; larger images are subsampled
 * nearest-neighbour to stay under it, as the C++ reference subsamples everything above 512x512.
 */
public final class ImageLoader {

  /** Images with more pixels than this are decoded with source subsampling. */
  public static final long MAX_FULL_PIXELS = 32L << 20;

  /**
   * A plain YCbCr JPEG is decoded with each side scaled down by the largest of 1/8, 1/4 and 1/2 that
   * keeps it at least this long: the size at which the C++ reference hashes. (Uniform scaling to
   * a shorter side of 256 was tried and broke the dihedral vectors: PDQ's filter windows turn
   * lopsided on short sides, so a rotated file no longer hashes like the rotation of the original.)
   */
  static final int MIN_SCALED_SIDE = 512;

  /** Files up to this size are read into memory, so that JPEGs can take the luma decoder. */
  private static final long IN_MEMORY_BYTES = 64L << 20;

  /** Decoding to Y alone: JPEG decoders accept it for YCbCr files and output the Y channel. */
  private static final ImageTypeSpecifier GREY = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY);

  /**
   * One reader per format per thread, reused: finding and creating a reader through the ImageIO
   * registry costs more than decoding a small image, and readers are not thread-safe.
   */
  private static final ThreadLocal<Map<ImageFormat, ImageReader>> READERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(ImageFormat.class));

  static {
    // In a shaded jar the plugins are found only if their service files were merged and scanned.
    ImageIO.scanForPlugins();
  }

  private ImageLoader() {}

  /** Decodes the first image in the file within the {@linkplain ImageLimits#defaults() default limits}. */
  public static BufferedImage read(Path file) throws ImageDecodeException {
    return read(file, ImageLimits.defaults());
  }

  /**
   * Decodes the first image in the file within {@code limits}.
   *
   * @throws ImageDecodeException INVALID when the file is no image or a damaged one, LIMIT when it
   *     is over a limit, CANCELLED when the thread was interrupted
   */
  public static BufferedImage read(Path file, ImageLimits limits) throws ImageDecodeException {
    try {
      if (Files.size(file) <= IN_MEMORY_BYTES) {
        return read(Files.readAllBytes(file), limits);
      }
    } catch (IOException e) {
      throw new ImageDecodeException("cannot open image: " + describe(e), e);
    }
    ImageInputStream in;
    try {
      in = new FileImageInputStream(file.toFile());
    } catch (IOException e) {
      throw new ImageDecodeException("cannot open image: " + describe(e), e);
    }
    return decode(in, null, limits);
  }

  /** Decodes the first image in the bytes within the {@linkplain ImageLimits#defaults() default limits}. */
  public static BufferedImage read(byte[] bytes) throws ImageDecodeException {
    return read(bytes, ImageLimits.defaults());
  }

  /** Decodes the first image in the bytes within {@code limits}, as {@link #read(Path, ImageLimits)}. */
  public static BufferedImage read(byte[] bytes, ImageLimits limits) throws ImageDecodeException {
    return decode(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), bytes, limits);
  }

  /** Decodes from {@code in}; {@code bytes}, when not null, holds the same content in memory. */
  private static BufferedImage decode(ImageInputStream in, byte[] bytes, ImageLimits limits)
      throws ImageDecodeException {
    try (in) {
      ImageFormat format = sniff(in);
      if (format == null) {
        // ImageIO would also find readers for TIFF and WBMP, whose headers nothing here checks.
        throw new ImageDecodeException("not an image in a supported format (expected: JPEG, PNG, GIF, BMP or WebP)");
      }
      limits.check(ImageHeader.read(in, format, limits.maxJpegScans()));
      ImageReader reader = READERS.get().get(format);
      if (reader == null) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
          throw new ImageDecodeException("no " + format + " decoder available (the ImageIO plugins are missing)");
        }
        reader = readers.next();
      }
      if (format == ImageFormat.PNG && bytes != null) {
        BufferedImage png = decodePng(bytes, limits);
        if (png != null) {
          return png;
        }
      }
      boolean luma = format == ImageFormat.JPEG && JpegHeader.isPlainYCbCr(in);
      if (luma && bytes != null) {
        BufferedImage scaled = decodeLuma(bytes, limits);
        if (scaled != null) {
          return scaled;
        }
      }
      boolean reusable = false;
      try {
        BufferedImage image = decode(reader, in, luma, limits);
        reusable = true;
        return image;
      } finally {
        if (reusable) {
          reader.reset();
          READERS.get().put(format, reader);
        } else {
          READERS.get().remove(format);
          reader.dispose();
        }
      }
    } catch (IOException e) {
      throw new ImageDecodeException("cannot decode image: " + describe(e), e);
    }
  }

  /** The Y plane at reduced scale, or null when the JPEG needs the general decoder. */
  private static BufferedImage decodeLuma(byte[] bytes, ImageLimits limits) throws ImageDecodeException {
    ImageDecodeBudget budget = ImageDecodeBudget.start(limits);
    try {
      return JpegLumaDecoder.decode(bytes, MIN_SCALED_SIDE, false, limits, budget);
    } catch (OutOfMemoryError e) {
      throw new ImageDecodeException("cannot decode JPEG image: not enough memory", e);
    }
  }

  /** The luma of a PNG, or null when it needs ImageIO (interlaced, or with an ICC profile). */
  private static BufferedImage decodePng(byte[] bytes, ImageLimits limits) throws ImageDecodeException {
    ImageDecodeBudget budget = ImageDecodeBudget.start(limits);
    try {
      return PngLumaDecoder.decode(bytes, limits, budget);
    } catch (OutOfMemoryError e) {
      throw new ImageDecodeException("cannot decode PNG image: not enough memory", e);
    }
  }

  /** The format announced by the stream's first bytes, or null; the stream is left at its start. */
  private static ImageFormat sniff(ImageInputStream in) throws IOException {
    byte[] header = new byte[ImageFormat.HEADER_BYTES];
    in.mark();
    int n = in.read(header);
    in.reset();
    return ImageFormat.sniff(header, Math.max(n, 0)).orElse(null);
  }

  private static BufferedImage decode(ImageReader reader, ImageInputStream in, boolean luma, ImageLimits limits)
      throws ImageDecodeException {
    String format = format(reader);
    List<String> warnings = new ArrayList<>();
    ImageDecodeBudget budget = ImageDecodeBudget.start(limits);
    reader.addIIOReadWarningListener(new Collector(warnings));
    reader.addIIOReadProgressListener(budget);
    reader.setInput(budget.guard(in), true, true);
    BufferedImage image;
    try {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new ImageDecodeException("cannot decode " + format + " image: invalid size " + width + "x" + height);
      }
      // The header was checked; a decoder that reads another size from the file is held to the same cap.
      limits.checkPixels(format, width, height);
      ImageReadParam param = reader.getDefaultReadParam();
      long pixels = (long) width * height;
      if (pixels > MAX_FULL_PIXELS) {
        int step = (int) Math.ceil(Math.sqrt((double) pixels / MAX_FULL_PIXELS));
        param.setSourceSubsampling(step, step, 0, 0);
      }
      if (luma) {
        param.setDestinationType(GREY);
      }
      image = reader.read(0, param);
      if (luma) {
        // The decoder wrote the Y channel alone (libjpeg then skips the chroma channels entirely);
        // relabel it as luma so that it hashes as Y, not as linear grey.
        image = new BufferedImage(LumaColorSpace.COLOR_MODEL, image.getRaster(), false, null);
      }
    } catch (IOException | RuntimeException e) {
      // A decoder stopped by the budget fails or returns part of the image: the budget says why.
      budget.check();
      // Decoders signal corrupt data with IIOException, but also with IndexOutOfBounds,
      // IllegalArgument or IllegalState exceptions: all mean "this file is not a valid image".
      throw new ImageDecodeException("cannot decode " + format + " image: " + describe(e), e);
    } catch (OutOfMemoryError e) {
      throw new ImageDecodeException("cannot decode " + format + " image: not enough memory", e);
    }
    budget.check();
    for (String w : warnings) {
      if (isTruncation(w)) {
        throw new ImageDecodeException("cannot decode " + format + " image: truncated (" + w + ")");
      }
    }
    return image;
  }

  private static boolean isTruncation(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("premature end") || w.contains("truncat") || w.contains("unexpected end");
  }

  private static String format(ImageReader reader) {
    try {
      return reader.getFormatName().toUpperCase(Locale.ROOT);
    } catch (IOException e) {
      return "image";
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && (m == null || !m.contains(cause.getMessage()))) {
      m = (m == null ? "" : m + ": ") + cause.getMessage();
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static final class Collector implements IIOReadWarningListener {
    private final List<String> warnings;

    Collector(List<String> warnings) {
      this.warnings = warnings;
    }

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      warnings.add(warning);
    }
  }
}
