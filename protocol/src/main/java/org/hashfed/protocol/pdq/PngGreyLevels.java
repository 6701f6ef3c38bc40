package org.hashfed.protocol.pdq;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import javax.imageio.ImageTypeSpecifier;

/**
 * The sRGB grey level that ImageIO's decoded image gives (through {@code getRGB}) for each sample
 * value of a grey PNG, so that {@link PngLumaDecoder} reproduces the general path exactly. The JDK
 * reads 8- and 16-bit grey as linear light and converts it to sRGB; 1-, 2- and 4-bit grey it reads
 * through a palette of evenly spaced sRGB levels. The tables come from the JDK's own colour
 * models, as ImageIO's PNG reader builds them, computed once.
 */
final class PngGreyLevels {

  private PngGreyLevels() {}

  /** Levels of 1-, 2-, 4- and 8-bit samples, with or without alpha. */
  static byte[] eight(int depth, boolean alpha) {
    if (depth < 8) {
      int max = (1 << depth) - 1;
      byte[] levels = new byte[max + 1];
      for (int v = 0; v <= max; v++) {
        levels[v] = (byte) (v * 255 / max);
      }
      return levels;
    }
    return alpha ? Holder.EIGHT_ALPHA : Holder.EIGHT;
  }

  /** Levels of 16-bit samples, with or without alpha. */
  static byte[] sixteen(boolean alpha) {
    return alpha ? Holder.SIXTEEN_ALPHA : Holder.SIXTEEN;
  }

  private static final class Holder {
    static final byte[] EIGHT = levels(8, false);
    static final byte[] EIGHT_ALPHA = levels(8, true);
    static final byte[] SIXTEEN = levels(16, false);
    static final byte[] SIXTEEN_ALPHA = levels(16, true);
  }

  private static byte[] levels(int bits, boolean alpha) {
    int count = 1 << bits;
    int type = bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
    ImageTypeSpecifier spec = alpha
        ? ImageTypeSpecifier.createGrayscale(bits, type, false, false)
        : ImageTypeSpecifier.createGrayscale(bits, type, false);
    BufferedImage image = spec.createBufferedImage(count, 1);
    WritableRaster raster = image.getRaster();
    for (int v = 0; v < count; v++) {
      raster.setSample(v, 0, 0, v);
      if (alpha) {
        raster.setSample(v, 0, 1, count - 1);
      }
    }
    int[] rgb = image.getRGB(0, 0, count, 1, null, 0, count);
    byte[] levels = new byte[count];
    for (int v = 0; v < count; v++) {
      levels[v] = (byte) rgb[v];
    }
    return levels;
  }
}
