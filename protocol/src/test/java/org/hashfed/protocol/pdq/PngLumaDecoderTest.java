package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PNG luma decoder against ImageIO followed by {@link Luminance} (the general path) on every
 * colour type and depth written here and on the conformance PNGs, and its failures and limits.
 */
class PngLumaDecoderTest {

  private static final ImageLimits LIMITS = ImageLimits.defaults();

  /** A photo-like image (gradients, edges, noise) of the given type; ImageIO's writer picks every filter for it. */
  static BufferedImage image(int type, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, type);
    fill(image.getRaster(), image.getRaster().getNumBands(), width, height);
    return image;
  }

  private static void fill(WritableRaster raster, int bands, int width, int height) {
    Random random = new Random(width * 31L + height + bands);
    int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int b = 0; b < bands; b++) {
          double wave = 0.5 + 0.45 * Math.sin(x * 0.07 * (b + 1) + y * 0.04);
          int v = (int) (wave * max) + ((x / 13 + y / 7) % 2 == 0 ? 0 : max / 9) + random.nextInt(max / 16 + 1);
          raster.setSample(x, y, b, Math.min(max, v));
        }
      }
    }
  }

  /** A custom image: grey with alpha, or 16-bit RGB(A), which have no BufferedImage type. */
  static BufferedImage custom(int colourSpace, boolean alpha, int dataType, int width, int height) {
    ColorSpace cs = ColorSpace.getInstance(colourSpace);
    ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    fill(raster, raster.getNumBands(), width, height);
    return new BufferedImage(cm, raster, false, null);
  }

  static byte[] png(BufferedImage image, boolean interlaced) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (interlaced) {
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  static Stream<byte[]> everyColourTypeAndDepth() throws Exception {
    return Stream.of(
        png(image(BufferedImage.TYPE_BYTE_BINARY, 203, 71), false),
        png(new BufferedImage(image(BufferedImage.TYPE_BYTE_GRAY, 90, 61).getColorModel(),
            image(BufferedImage.TYPE_BYTE_GRAY, 90, 61).getRaster(), false, null), false),
        png(image(BufferedImage.TYPE_USHORT_GRAY, 77, 40), false),
        png(image(BufferedImage.TYPE_3BYTE_BGR, 131, 57), false),
        png(image(BufferedImage.TYPE_INT_ARGB, 64, 65), false),
        png(image(BufferedImage.TYPE_BYTE_INDEXED, 99, 33), false),
        png(custom(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE, 45, 38), false),
        png(custom(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_USHORT, 45, 38), false),
        png(custom(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT, 52, 29), false),
        png(custom(ColorSpace.CS_sRGB, true, DataBuffer.TYPE_USHORT, 52, 29), false));
  }

  @ParameterizedTest
  @MethodSource("everyColourTypeAndDepth")
  void luma_isTheGeneralPathsLuma_exactlyForGrey(byte[] bytes) throws Exception {
    assertAgreesWithImageIo(bytes, "written here");
  }

  static Stream<Path> vectorPngs() throws Exception {
    return PdqVectors.all().stream().map(PdqVectors.Vector::image)
        .filter(p -> p.getFileName().toString().endsWith(".png"));
  }

  @ParameterizedTest
  @MethodSource("vectorPngs")
  void vectors_agreeWithTheGeneralPath_orAreLeftToIt(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    BufferedImage ours = decode(bytes);
    if (file.getFileName().toString().equals("c.png")) {
      assertNull(ours, "c.png has an ICC profile: ImageIO's");
      return;
    }
    assertAgreesWithImageIo(bytes, file.getFileName().toString());
  }

  private static void assertAgreesWithImageIo(byte[] bytes, String what) throws Exception {
    BufferedImage ours = decode(bytes);
    assertNotNull(ours, what);
    BufferedImage theirs = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(theirs.getWidth(), ours.getWidth());
    assertEquals(theirs.getHeight(), ours.getHeight());
    float[] a = luma(ours);
    float[] b = luma(theirs);
    boolean grey = theirs.getColorModel().getNumColorComponents() == 1;
    if (grey) {
      assertArrayEquals(b, a, what + ": grey luma is the general path's, exactly");
    } else {
      double max = 0;
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(a[i] - b[i]));
      }
      // 16-bit luma: within half a 16-bit step of the float.
      assertTrue(max <= 0.5 / 257 + 1e-4, what + ": luma off by " + max);
    }
  }

  private static float[] luma(BufferedImage image) {
    float[] out = new float[image.getWidth() * image.getHeight()];
    Luminance.of(image).read(0, image.getHeight(), out);
    return out;
  }

  @Test
  void interlaced_isLeftToImageIo() throws Exception {
    assertNull(decode(png(image(BufferedImage.TYPE_3BYTE_BGR, 40, 30), true)));
  }

  @Test
  void truncated_isInvalid_notPadded() throws Exception {
    byte[] bytes = png(image(BufferedImage.TYPE_3BYTE_BGR, 200, 150), false);
    for (int cut : new int[] {bytes.length / 2, bytes.length - 20, 40}) {
      byte[] shorter = Arrays.copyOf(bytes, cut);
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decode(shorter));
      assertEquals(ImageDecodeException.Reason.INVALID, e.reason());
      assertTrue(e.getMessage().startsWith("cannot decode PNG image: truncated"), e.getMessage());
    }
  }

  @Test
  void anUnknownRowFilter_isInvalid() throws Exception {
    BufferedImage flat = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
    byte[] bytes = png(flat, false);
    // Re-encode the image data with a filter byte of 7 on the first row.
    byte[] raw = new byte[10 * 21];
    raw[0] = 7;
    byte[] hostile = CraftedPngs.withImageData(bytes, raw);
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decode(hostile));
    assertEquals("cannot decode PNG image: corrupt data (row filter 7)", e.getMessage());
  }

  @Test
  void moreImageDataThanTheRows_isNotInflated() throws Exception {
    BufferedImage flat = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
    // A megabyte of zeros where 210 bytes are declared: decoding reads the rows and stops.
    byte[] hostile = CraftedPngs.withImageData(png(flat, false), new byte[1 << 20]);
    BufferedImage image = decode(hostile);
    assertEquals(20, image.getWidth());
    assertEquals(10, image.getHeight());
  }

  @Test
  void overThePixelCap_isALimit_andAnExpiredDeadlineToo() throws Exception {
    byte[] bytes = png(image(BufferedImage.TYPE_3BYTE_BGR, 300, 200), false);
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> PngLumaDecoder.decode(bytes, LIMITS.withMaxPixels(59_999), ImageDecodeBudget.start(LIMITS)));
    assertEquals(ImageDecodeException.Reason.LIMIT, e.reason());
    assertEquals("PNG image of 300x200 pixels (60000) exceeds the limit of 59999 pixels", e.getMessage());
    ImageLimits instant = LIMITS.withMaxDecodeTime(Duration.ofNanos(1));
    ImageDecodeException late = assertThrows(ImageDecodeException.class,
        () -> PngLumaDecoder.decode(bytes, instant, ImageDecodeBudget.start(instant)));
    assertEquals(ImageDecodeException.Reason.LIMIT, late.reason());
  }

  @Test
  void theLoader_takesThisPath_andHashesAsBefore() throws Exception {
    List<byte[]> files = List.of(png(image(BufferedImage.TYPE_3BYTE_BGR, 131, 57), false),
        png(image(BufferedImage.TYPE_USHORT_GRAY, 77, 40), false));
    PdqHasher hasher = new PdqHasher();
    for (byte[] bytes : files) {
      BufferedImage loaded = ImageLoader.read(bytes);
      assertTrue(loaded.getColorModel().getColorSpace() instanceof LumaColorSpace);
      PdqHash before = hasher.hash(ImageIO.read(new ByteArrayInputStream(bytes))).hash();
      assertTrue(hasher.hash(loaded).hash().distance(before) <= 2);
    }
  }

  private static BufferedImage decode(byte[] bytes) throws ImageDecodeException {
    return PngLumaDecoder.decode(bytes, LIMITS, ImageDecodeBudget.start(LIMITS));
  }
}
