package org.hashfed.protocol.pdq;

import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;

/**
 * The colour space of a JPEG's luma plane (its Y channel): one component, grey in sRGB encoding, so
 * that Y maps to the sRGB colour (Y, Y, Y).
 *
 * <p>JFIF defines Y as {@code 0.299 R + 0.587 G + 0.114 B} of the sRGB-encoded colour, the very sum
 * PDQ hashes; an image in this colour space therefore hashes to its Y values. The JDK's own grey
 * colour space would not do: it treats grey as linear light and brightens it on the way to sRGB.
 */
final class LumaColorSpace extends ColorSpace {

  private static final long serialVersionUID = 1L;

  static final LumaColorSpace INSTANCE = new LumaColorSpace();

  /** 8-bit samples in this colour space, no alpha. */
  static final ColorModel COLOR_MODEL =
      new ComponentColorModel(INSTANCE, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);

  /** 16-bit samples in this colour space, no alpha: a downscaled luma's means, kept with their fraction. */
  static final ColorModel COLOR_MODEL_16 =
      new ComponentColorModel(INSTANCE, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_USHORT);

  private static final ColorSpace SRGB = ColorSpace.getInstance(ColorSpace.CS_sRGB);

  private LumaColorSpace() {
    super(ColorSpace.TYPE_GRAY, 1);
  }

  @Override
  public float[] toRGB(float[] value) {
    return new float[] {value[0], value[0], value[0]};
  }

  @Override
  public float[] fromRGB(float[] rgb) {
    return new float[] {Luminance.R * rgb[0] + Luminance.G * rgb[1] + Luminance.B * rgb[2]};
  }

  @Override
  public float[] toCIEXYZ(float[] value) {
    return SRGB.toCIEXYZ(toRGB(value));
  }

  @Override
  public float[] fromCIEXYZ(float[] xyz) {
    return fromRGB(SRGB.fromCIEXYZ(xyz));
  }
}
