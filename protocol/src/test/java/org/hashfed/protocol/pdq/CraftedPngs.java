package org.hashfed.protocol.pdq;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/** PNGs rebuilt in the test with image data of its choosing, as a hostile encoder would write them. */
final class CraftedPngs {

  private CraftedPngs() {}

  /** {@code png}'s signature and IHDR, then one IDAT of {@code raw} deflated, then IEND. */
  static byte[] withImageData(byte[] png, byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      z.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return PngChunks.headerOf(png).chunk("IDAT", z.toByteArray()).chunk("IEND", new byte[0]).bytes();
  }
}
