package org.hashfed.protocol.pdq;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A PNG written chunk by chunk as a test chooses, the way a hostile encoder could: any header, any
 * chunk order, data that need not match the header. Each chunk gets its length and a correct CRC.
 * Shared with the node's tests through protocol's test-jar.
 */
public final class PngChunks {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  /** Bytes of the signature and an IHDR chunk, which open every PNG. */
  public static final int HEADER_BYTES = SIGNATURE.length + 4 + 4 + 13 + 4;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private PngChunks() {}

  /** A PNG with the signature and an IHDR declaring these; no compression, filter or interlace method. */
  public static PngChunks declaring(int width, int height, int depth, int colourType) {
    PngChunks png = new PngChunks();
    png.out.writeBytes(SIGNATURE);
    return png.chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth)
        .put((byte) colourType).put(new byte[3]).array());
  }

  /** A PNG that opens as {@code png} does: its signature and IHDR, the first {@link #HEADER_BYTES}. */
  public static PngChunks headerOf(byte[] png) {
    PngChunks copy = new PngChunks();
    copy.out.write(png, 0, HEADER_BYTES);
    return copy;
  }

  /** Appends a chunk of {@code type} holding {@code data}. */
  public PngChunks chunk(String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return this;
  }

  /** The file so far. */
  public byte[] bytes() {
    return out.toByteArray();
  }
}
