package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Header checks, limits and the decoding deadline of {@link ImageLoader}. */
class ImageBudgetTest {

  private static ImageHeader header(byte[] bytes, int maxScans) throws Exception {
    ImageFormat format = ImageFormat.sniff(bytes, Math.min(bytes.length, ImageFormat.HEADER_BYTES)).orElseThrow();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageHeader h = ImageHeader.read(in, format, maxScans);
      assertEquals(0, in.getStreamPosition(), "stream left at its start");
      return h;
    }
  }

  private static ImageDecodeException refused(byte[] bytes, ImageLimits limits, ImageDecodeException.Reason reason) {
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageLoader.read(bytes, limits));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  static Stream<Path> vectors() throws IOException {
    return Files.list(PdqVectors.named("small.jpg").image().getParent()).sorted();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void header_agreesWithTheDecoder_onEveryConformanceImage(Path image) throws Exception {
    byte[] bytes = Files.readAllBytes(image);
    ImageHeader h = header(bytes, 1000);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertEquals(reader.getWidth(0), h.width(), image.getFileName() + " width");
      assertEquals(reader.getHeight(0), h.height(), image.getFileName() + " height");
      reader.dispose();
    }
  }

  @Test
  void header_ofImagesWrittenHere_givesSizeDepthAndScans() throws Exception {
    ImageHeader png = header(CraftedImages.noise("png", 40, 30, BufferedImage.TYPE_INT_ARGB), 100);
    assertEquals(40, png.width());
    assertEquals(30, png.height());
    assertEquals(4, png.bytesPerPixel());
    ImageHeader bmp = header(CraftedImages.noise("bmp", 41, 29, BufferedImage.TYPE_INT_RGB), 100);
    assertEquals(41 * 29, bmp.pixels());
    assertEquals(3, bmp.bytesPerPixel());
    ImageHeader gif = header(CraftedImages.noise("gif", 33, 17, BufferedImage.TYPE_BYTE_INDEXED), 100);
    assertEquals(33 * 17, gif.pixels());
    assertEquals(1, header(CraftedImages.noise("jpeg", 64, 48, BufferedImage.TYPE_INT_RGB), 100).scans());
    ImageHeader progressive = header(CraftedImages.progressiveJpeg(64, 48), 100);
    assertEquals(64, progressive.width());
    assertTrue(progressive.scans() > 1, "scans " + progressive.scans());
    assertEquals(11, header(CraftedImages.withRepeatedLastScan(CraftedImages.progressiveJpeg(64, 48), 5000), 10)
        .scans(), "counting stops one past the limit");
    assertEquals(8, header(CraftedImages.pngDeclaring(46340, 46340, 16, 6), 1).bytesPerPixel());
    assertEquals(16383L * 16383, header(CraftedImages.losslessWebpDeclaring(16383, 16383), 1).pixels());
    assertEquals(1L << 40, header(CraftedImages.extendedWebpDeclaring(1 << 20, 1 << 20), 1).pixels());
  }

  @Test
  void hugeDeclaredSizes_areRefusedBeforeDecoding_namingTheLimitAndTheValue() throws Exception {
    ImageLimits limits = ImageLimits.defaults();
    byte[] jpeg = CraftedImages.jpegDeclaring(CraftedImages.progressiveJpeg(64, 64), 65500, 65500);
    ImageDecodeException e = refused(jpeg, limits, ImageDecodeException.Reason.LIMIT);
    assertEquals("JPEG image of 65500x65500 pixels (4290250000) exceeds the limit of 50000000 pixels", e.getMessage());
    refused(CraftedImages.losslessWebpDeclaring(16383, 16383), limits, ImageDecodeException.Reason.LIMIT);
    refused(CraftedImages.extendedWebpDeclaring(20000, 20000), limits, ImageDecodeException.Reason.LIMIT);
    refused(CraftedImages.pngDeclaring(46340, 46340, 16, 6), limits, ImageDecodeException.Reason.LIMIT);
    refused(CraftedImages.gifDeclaring(65535, 65535), limits, ImageDecodeException.Reason.LIMIT);
    refused(CraftedImages.bmpDeclaring(100_000, -100_000), limits, ImageDecodeException.Reason.LIMIT);
  }

  @Test
  void sixteenBitPixels_countTwice_againstTheMemoryCap() {
    ImageLimits limits = ImageLimits.defaults().withMaxPixels(1_000_000);
    // 800x800 = 640000 pixels, under the cap, but at 8 bytes each 5120000 bytes > 4000000
    ImageDecodeException e = refused(CraftedImages.pngDeclaring(800, 800, 16, 6), limits,
        ImageDecodeException.Reason.LIMIT);
    assertTrue(e.getMessage().contains("8 bytes per pixel (5120000 bytes decoded) exceeds the limit of 4000000 bytes"),
        e.getMessage());
    ImageDecodeException eightBit = refused(CraftedImages.pngDeclaring(800, 800, 8, 6), limits,
        ImageDecodeException.Reason.INVALID);
    assertTrue(eightBit.getMessage().startsWith("cannot decode PNG image"), eightBit.getMessage());
  }

  @Test
  void tooManyScans_areRefusedBeforeDecoding() throws Exception {
    byte[] jpeg = CraftedImages.withRepeatedLastScan(CraftedImages.progressiveJpeg(64, 48), 20_000);
    ImageDecodeException e = refused(jpeg, ImageLimits.defaults(), ImageDecodeException.Reason.LIMIT);
    assertEquals("JPEG image with more than 100 scans exceeds the limit of 100 scans", e.getMessage());
    BufferedImage ordinary = ImageLoader.read(CraftedImages.progressiveJpeg(64, 48), ImageLimits.defaults());
    assertEquals(64, ordinary.getWidth());
  }

  @Test
  void everyFormat_stopsAtItsDeadline_asALimit() throws Exception {
    ImageLimits instant = ImageLimits.defaults().withMaxDecodeTime(Duration.ofNanos(1));
    for (byte[] image : new byte[][] {
        CraftedImages.noise("png", 300, 200, BufferedImage.TYPE_INT_RGB),
        CraftedImages.noise("jpeg", 300, 200, BufferedImage.TYPE_INT_RGB),
        CraftedImages.progressiveJpeg(300, 200),
        CraftedImages.noise("gif", 300, 200, BufferedImage.TYPE_BYTE_INDEXED),
        CraftedImages.noise("bmp", 300, 200, BufferedImage.TYPE_INT_RGB),
        Files.readAllBytes(PdqVectors.named("modes-F.webp").image())}) {
      ImageDecodeException e = refused(image, instant, ImageDecodeException.Reason.LIMIT);
      assertEquals("decoding took longer than the limit of 0 ms", e.getMessage());
    }
  }

  @Test
  void aDecodeStoppedMidway_isALimit_andTheNextDecodeOfTheReaderIsWhole() throws Exception {
    byte[] large = CraftedImages.noise("png", 2000, 1500, BufferedImage.TYPE_INT_RGB);
    refused(large, ImageLimits.defaults().withMaxDecodeTime(Duration.ofMillis(1)), ImageDecodeException.Reason.LIMIT);
    byte[] small = CraftedImages.noise("png", 64, 64, BufferedImage.TYPE_INT_RGB);
    PdqResult expected = new PdqHasher().hash(ImageIO.read(new ByteArrayInputStream(small)));
    assertEquals(expected, new PdqHasher().hash(ImageLoader.read(small)));
  }

  @Test
  void anInterruptedThread_isCancelled() throws Exception {
    byte[] png = CraftedImages.noise("png", 64, 64, BufferedImage.TYPE_INT_RGB);
    Thread.currentThread().interrupt();
    try {
      refused(png, ImageLimits.defaults(), ImageDecodeException.Reason.CANCELLED);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void formatsWithoutAHeaderCheck_areRefused(@TempDir Path dir) throws Exception {
    Path tiff = dir.resolve("image.tiff");
    Files.write(tiff, CraftedImages.noise("tiff", 16, 16, BufferedImage.TYPE_INT_RGB));
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageLoader.read(tiff));
    assertEquals(ImageDecodeException.Reason.INVALID, e.reason());
    assertEquals("not an image in a supported format (expected: JPEG, PNG, GIF, BMP or WebP)", e.getMessage());
  }

  @Test
  void truncatedHeaders_areInvalid() throws Exception {
    byte[] png = CraftedImages.pngDeclaring(10, 10, 8, 2);
    ImageDecodeException e = refused(java.util.Arrays.copyOf(png, 20), ImageLimits.defaults(),
        ImageDecodeException.Reason.INVALID);
    assertEquals("cannot decode PNG image: truncated header", e.getMessage());
    byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    assertEquals("cannot decode JPEG image: no frame header (SOF marker)",
        refused(noFrame, ImageLimits.defaults(), ImageDecodeException.Reason.INVALID).getMessage());
  }

  @Test
  void limits_refuseValuesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> ImageLimits.defaults().withMaxPixels(0));
    assertThrows(IllegalArgumentException.class, () -> ImageLimits.defaults().withMaxJpegScans(0));
    assertThrows(IllegalArgumentException.class, () -> ImageLimits.defaults().withMaxDecodeTime(Duration.ZERO));
  }
}
