package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Node;

/**
 * The luma decoder against the JDK's libjpeg (ImageIO, Y channel alone) on the conformance JPEGs and
 * on JPEGs written here (restart intervals, progressive, odd sizes), and its failures and limits.
 */
class JpegLumaDecoderTest {

  private static final ImageLimits LIMITS = ImageLimits.defaults();
  /** No scaling: every side is shorter than this. */
  private static final int FULL = Integer.MAX_VALUE;

  static Stream<Path> vectorJpegs() throws Exception {
    return PdqVectors.all().stream().map(PdqVectors.Vector::image)
        .filter(p -> p.getFileName().toString().endsWith(".jpg"))
        .filter(JpegLumaDecoderTest::isPlainYCbCr);
  }

  @ParameterizedTest
  @MethodSource("vectorJpegs")
  void fullSize_agreesWithImageIo_withinOneLevel(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Raster ours = decode(bytes, FULL).getRaster();
    Raster theirs = imageIoLuma(bytes).getRaster();
    assertEquals(theirs.getWidth(), ours.getWidth());
    assertEquals(theirs.getHeight(), ours.getHeight());
    // libjpeg's integer IDCT and our AAN one round differently, by a level at most.
    Difference d = difference(ours, theirs);
    assertTrue(d.max <= 1, file.getFileName() + ": " + d);
    assertTrue(d.psnr >= 50, file.getFileName() + ": " + d);
  }

  @ParameterizedTest
  @MethodSource("vectorJpegs")
  void scaled_isTheMeanOfTheFullSizePixels(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Raster full = decode(bytes, FULL).getRaster();
    for (int minSide : new int[] {512, 128, 1}) {
      Raster scaled = decode(bytes, minSide).getRaster();
      int fx = ceilDiv(full.getWidth(), scaled.getWidth());
      int fy = ceilDiv(full.getHeight(), scaled.getHeight());
      assertTrue(fx <= 8 && fy <= 8 && Integer.bitCount(fx) == 1 && Integer.bitCount(fy) == 1, fx + "x" + fy);
      assertTrue(scaled.getWidth() >= Math.min(full.getWidth(), minSide), "width " + scaled.getWidth());
      assertTrue(scaled.getHeight() >= Math.min(full.getHeight(), minSide), "height " + scaled.getHeight());
      double total = 0;
      long off = 0;
      long count = 0;
      // Rows and columns of whole groups; the last partial group also averages the encoder's padding.
      for (int y = 0; y < full.getHeight() / fy; y++) {
        for (int x = 0; x < full.getWidth() / fx; x++) {
          double sum = 0;
          for (int j = 0; j < fy; j++) {
            for (int i = 0; i < fx; i++) {
              sum += full.getSample(x * fx + i, y * fy + j, 0);
            }
          }
          double level = scaled.getSampleFloat(x, y, 0) / (scaled.getTransferType() == DataBuffer.TYPE_USHORT ? 257.0 : 1.0);
          double d = Math.abs(sum / (fx * fy) - level);
          total += d;
          off += d > 1.0 ? 1 : 0;
          count++;
        }
      }
      // Full-size pixels are rounded to whole levels and clamped to 0..255 one by one; the means are
      // neither rounded nor clamped before averaging, which shows where an edge rings past black or white.
      String at = file.getFileName() + " at " + minSide + ": ";
      assertTrue(total / count <= 0.3, at + "mean difference " + total / count + ", " + off + " of " + count
          + " more than a level");
    }
  }

  @Test
  void transform_agreesWithTheTextbookIdct_atEveryScale() {
    Random random = new Random(11);
    int[] quant = new int[64];
    for (int z = 0; z < 64; z++) {
      quant[z] = 1 + random.nextInt(60);
    }
    for (int[] size : new int[][] {{8, 8}, {4, 4}, {4, 8}, {8, 2}, {2, 2}, {1, 8}, {8, 1}, {1, 1}}) {
      JpegScaledIdct idct = new JpegScaledIdct(size[0], size[1]);
      int[] multipliers = idct.multipliers(quant);
      int nx = size[0];
      int ny = size[1];
      for (int trial = 0; trial < 300; trial++) {
        int[] coefficients = new int[64];
        coefficients[0] = random.nextInt(33) - 16;
        for (int z = 1; z < 64; z++) {
          // Sparse and small, as quantised blocks are, with some flat blocks and some busy ones.
          coefficients[z] = trial % 5 == 0 || random.nextInt(4) != 0 ? 0 : random.nextInt(9) - 4;
        }
        double[] pixels = textbookIdct(coefficients, quant);
        long[] block = new long[64];
        int last = 0;
        for (int k = 0; k < 64; k++) {
          int z = JpegLumaDecoder.NATURAL[k];
          block[z] = (long) coefficients[z] * multipliers[z];
          last = coefficients[z] != 0 ? k : last;
        }
        int gx = 8 / nx;
        int gy = 8 / ny;
        if (nx == 8 && ny == 8) {
          byte[] out = new byte[64];
          idct.transform(block, last, out, 0, 8);
          for (int i = 0; i < 64; i++) {
            double expected = Math.max(0, Math.min(255, pixels[i]));
            assertTrue(Math.abs((out[i] & 0xFF) - expected) <= 0.51, "pixel " + i + ": " + (out[i] & 0xFF) + " vs " + expected);
          }
        } else {
          short[] out = new short[nx * ny];
          idct.transform(block, last, out, 0, nx);
          for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
              double sum = 0;
              for (int j = 0; j < gy; j++) {
                for (int i = 0; i < gx; i++) {
                  sum += pixels[(y * gy + j) * 8 + x * gx + i];
                }
              }
              double expected = Math.max(0, Math.min(255, sum / (gx * gy))) * 257;
              int got = out[y * nx + x] & 0xFFFF;
              assertTrue(Math.abs(got - expected) <= 4, nx + "x" + ny + " at " + x + "," + y + ": " + got + " vs " + expected);
            }
          }
        }
        assertTrue(Arrays.stream(block).allMatch(v -> v == 0), "the block is left zeroed");
      }
    }
  }

  /** ITU T.81 A.3.3, in double: the level-shifted pixels of a quantised block (natural order). */
  private static double[] textbookIdct(int[] coefficients, int[] quant) {
    double[] pixels = new double[64];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        double sum = 0;
        for (int v = 0; v < 8; v++) {
          for (int u = 0; u < 8; u++) {
            double cu = u == 0 ? Math.sqrt(0.5) : 1;
            double cv = v == 0 ? Math.sqrt(0.5) : 1;
            sum += cu * cv * coefficients[v * 8 + u] * quant[v * 8 + u]
                * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
          }
        }
        pixels[y * 8 + x] = sum / 4 + 128;
      }
    }
    return pixels;
  }

  static List<byte[]> writtenJpegs() throws Exception {
    return List.of(
        write(photo(333, 217), false, 0, 0.9f),
        write(photo(333, 217), false, 7, 0.75f),
        write(photo(401, 119), true, 0, 0.9f),
        write(photo(401, 119), true, 3, 0.5f),
        write(photo(9, 1000), false, 1, 1f));
  }

  @ParameterizedTest
  @MethodSource("writtenJpegs")
  void writtenHere_withRestartsAndProgressiveScans_agreeWithImageIo(byte[] bytes) throws Exception {
    Raster ours = decode(bytes, FULL).getRaster();
    Raster theirs = imageIoLuma(bytes).getRaster();
    assertEquals(theirs.getWidth(), ours.getWidth());
    assertEquals(theirs.getHeight(), ours.getHeight());
    Difference d = difference(ours, theirs);
    assertTrue(d.max <= 1, d.toString());
  }

  @Test
  void scaledSize_keepsEachSideAtLeastTheMinimum() throws Exception {
    byte[] bytes = write(photo(1700, 530), false, 0, 0.9f);
    BufferedImage image = decode(bytes, 512);
    // 1700 / 2 = 850 and 1700 / 4 = 425: halved; 530 / 2 = 265: kept.
    assertEquals(850, image.getWidth());
    assertEquals(530, image.getHeight());
    BufferedImage dc = decode(bytes, 1);
    assertEquals(213, dc.getWidth());
    assertEquals(67, dc.getHeight());
  }

  @Test
  void baselineJpegsScaledToMoreThanAQuarter_areLeftToImageIo_whichIsFasterThere() throws Exception {
    ImageDecodeBudget budget = ImageDecodeBudget.start(LIMITS);
    byte[] halvedOnce = write(photo(1100, 600), false, 0, 0.9f);
    assertNull(JpegLumaDecoder.decode(halvedOnce, 512, false, LIMITS, budget));
    byte[] halvedTwice = write(photo(1100, 1030), false, 0, 0.9f);
    BufferedImage quarter = JpegLumaDecoder.decode(halvedTwice, 512, false, LIMITS, budget);
    assertEquals(550, quarter.getWidth());
    assertEquals(515, quarter.getHeight());
    BufferedImage progressive = JpegLumaDecoder.decode(write(photo(1100, 600), true, 0, 0.9f), 512, false, LIMITS, budget);
    assertEquals(550, progressive.getWidth());
    assertEquals(600, progressive.getHeight());
  }

  @Test
  void smallBaselineJpegs_areDecodedHereAtFullSize_andLargerOnesLeftToImageIo() throws Exception {
    ImageDecodeBudget budget = ImageDecodeBudget.start(LIMITS);
    // 362 x 362 = 131,044 pixels: at the cap; 363 x 362 = 131,406: over it.
    BufferedImage small = JpegLumaDecoder.decode(write(photo(362, 362), false, 0, 0.9f), 512, false, LIMITS, budget);
    assertEquals(362, small.getWidth());
    assertEquals(362, small.getHeight());
    assertNull(JpegLumaDecoder.decode(write(photo(363, 362), false, 0, 0.9f), 512, false, LIMITS, budget));
  }

  @Test
  void truncated_isInvalid_notPaddedWithGrey() throws Exception {
    for (boolean progressive : new boolean[] {false, true}) {
      byte[] bytes = write(photo(200, 150), progressive, 0, 0.9f);
      byte[] cut = Arrays.copyOf(bytes, bytes.length * 2 / 3);
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decode(cut, FULL));
      assertEquals(ImageDecodeException.Reason.INVALID, e.reason());
      assertTrue(e.getMessage().startsWith("cannot decode JPEG image: truncated"), e.getMessage());
    }
  }

  @Test
  void moreScansThanTheLimit_areRefused() throws Exception {
    byte[] bytes = write(photo(64, 64), true, 0, 0.9f);
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> JpegLumaDecoder.decode(bytes, FULL, true, LIMITS.withMaxJpegScans(3), ImageDecodeBudget.start(LIMITS)));
    assertEquals(ImageDecodeException.Reason.LIMIT, e.reason());
    assertEquals("JPEG image with more than 3 scans exceeds the limit of 3 scans", e.getMessage());
  }

  @Test
  void aFrameOverThePixelCap_isRefused() throws Exception {
    byte[] bytes = write(photo(300, 200), false, 0, 0.9f);
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> JpegLumaDecoder.decode(bytes, FULL, true, LIMITS.withMaxPixels(59_999), ImageDecodeBudget.start(LIMITS)));
    assertEquals(ImageDecodeException.Reason.LIMIT, e.reason());
    assertEquals("JPEG image of 300x200 pixels (60000) exceeds the limit of 59999 pixels", e.getMessage());
  }

  @Test
  void anInterruptedThread_isCancelled_andAnExpiredDeadlineIsALimit() throws Exception {
    byte[] bytes = write(photo(300, 200), true, 0, 0.9f);
    Thread.currentThread().interrupt();
    try {
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decode(bytes, FULL));
      assertEquals(ImageDecodeException.Reason.CANCELLED, e.reason());
    } finally {
      Thread.interrupted();
    }
    ImageLimits instant = LIMITS.withMaxDecodeTime(java.time.Duration.ofNanos(1));
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> JpegLumaDecoder.decode(bytes, FULL, true, instant, ImageDecodeBudget.start(instant)));
    assertEquals(ImageDecodeException.Reason.LIMIT, e.reason());
  }

  @Test
  void greyAndArithmeticJpegs_areLeftToTheGeneralDecoder() throws Exception {
    BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(grey, "jpeg", out);
    assertNull(decode(out.toByteArray(), FULL));
    byte[] arithmetic = write(photo(40, 30), false, 0, 0.9f);
    int sof = indexOfMarker(arithmetic, 0xC0);
    arithmetic[sof + 1] = (byte) 0xC9;
    assertNull(decode(arithmetic, FULL));
    assertNotNull(decode(write(photo(40, 30), false, 0, 0.9f), FULL));
  }

  private static BufferedImage decode(byte[] bytes, int minSide) throws ImageDecodeException {
    return JpegLumaDecoder.decode(bytes, minSide, true, LIMITS, ImageDecodeBudget.start(LIMITS));
  }

  /** libjpeg's Y channel, as the loader asked ImageIO for it before this decoder. */
  private static BufferedImage imageIoLuma(byte[] bytes) throws Exception {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setDestinationType(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY));
      return reader.read(0, param);
    } finally {
      reader.dispose();
    }
  }

  private record Difference(int max, double psnr) {}

  private static Difference difference(Raster a, Raster b) {
    int max = 0;
    double squares = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int d = Math.abs(a.getSample(x, y, 0) - b.getSample(x, y, 0));
        max = Math.max(max, d);
        squares += (double) d * d;
      }
    }
    double mse = squares / ((double) a.getWidth() * a.getHeight());
    return new Difference(max, mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse));
  }

  /** Smooth gradients and edges with some noise: a photo's mix of flat and busy blocks. */
  static BufferedImage photo(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(width * 7919L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (x * 255 / width + random.nextInt(9)) & 0xFF;
        int g = ((x / 17 + y / 13) % 2 == 0 ? 200 : 40) + random.nextInt(16);
        int b = (int) (127 + 120 * Math.sin(x * 0.05 + y * 0.03));
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  /** A JFIF JPEG of {@code image}, progressive or not, with a restart marker every {@code restart} MCUs (0: none). */
  static byte[] write(BufferedImage image, boolean progressive, int restart, float quality) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    if (progressive) {
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    }
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
    if (restart > 0) {
      String format = metadata.getNativeMetadataFormatName();
      IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
      Node markers = root.getElementsByTagName("markerSequence").item(0);
      IIOMetadataNode dri = new IIOMetadataNode("dri");
      dri.setAttribute("interval", Integer.toString(restart));
      markers.insertBefore(dri, markers.getFirstChild());
      metadata.setFromTree(format, root);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    byte[] bytes = out.toByteArray();
    if (restart > 0) {
      assertTrue(indexOfMarker(bytes, 0xDD) > 0, "restart interval written");
    }
    return bytes;
  }

  private static int indexOfMarker(byte[] bytes, int marker) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPlainYCbCr(Path file) {
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(Files.newInputStream(file))) {
      return JpegHeader.isPlainYCbCr(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
