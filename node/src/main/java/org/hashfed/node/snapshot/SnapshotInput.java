package org.hashfed.node.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a file {@link SnapshotOutput} wrote. The file is untrusted until {@link #finish} has
 * compared its checksum: every count read with {@link #readCount} is checked against a cap and
 * against the bytes left in the file before anything is allocated for it, so a truncated or
 * corrupt file costs at most its own size in memory, and what was read from it is thrown away
 * when the checksum does not match. Not thread-safe.
 */
public final class SnapshotInput implements AutoCloseable {

  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private final long bodyLength;
  private long loaded;

  private SnapshotInput(Path file, FileChannel channel, long bodyLength) {
    this.file = file;
    this.channel = channel;
    this.bodyLength = bodyLength;
    buffer.limit(0);
  }

  /**
   * Opens {@code file}.
   *
   * @throws SnapshotFormatException when it is too short to hold a checksum
   */
  public static SnapshotInput open(Path file) throws IOException, SnapshotFormatException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long size = channel.size();
    if (size < Integer.BYTES) {
      channel.close();
      throw new SnapshotFormatException("file of " + size + " bytes (expected: at least a 4-byte checksum)");
    }
    return new SnapshotInput(file, channel, size - Integer.BYTES);
  }

  /** The bytes not yet read, checksum excluded. */
  public long remaining() {
    return bodyLength - loaded + buffer.remaining();
  }

  /** Reads one byte. */
  public byte readByte() throws IOException, SnapshotFormatException {
    need(1);
    return buffer.get();
  }

  /** Reads an int. */
  public int readInt() throws IOException, SnapshotFormatException {
    need(Integer.BYTES);
    return buffer.getInt();
  }

  /** Reads a long. */
  public long readLong() throws IOException, SnapshotFormatException {
    need(Long.BYTES);
    return buffer.getLong();
  }

  /**
   * Reads a count of items of {@code bytesPerItem} bytes each (at least 1) and checks it against
   * 0..{@code max} and against the bytes left in the file.
   *
   * @throws SnapshotFormatException naming {@code what} and the count when it is out of bounds
   */
  public int readCount(String what, long max, int bytesPerItem) throws IOException, SnapshotFormatException {
    int n = readInt();
    if (n < 0 || n > max) {
      throw new SnapshotFormatException(what + " count " + n + " is out of range (expected: 0.." + max + ")");
    }
    if ((long) n * bytesPerItem > remaining()) {
      throw new SnapshotFormatException(what + " count " + n + " needs " + (long) n * bytesPerItem
          + " bytes but only " + remaining() + " are left: the file is truncated");
    }
    return n;
  }

  /** Reads {@code n} bytes as they are. */
  public byte[] readRaw(int n) throws IOException, SnapshotFormatException {
    if (n > remaining()) {
      throw new SnapshotFormatException(n + " bytes wanted but only " + remaining() + " are left: the file is truncated");
    }
    byte[] out = new byte[n];
    readBytes(out, 0, n);
    return out;
  }

  /** Reads a length of at most {@code maxBytes} and that many bytes. */
  public byte[] readBlob(String what, int maxBytes) throws IOException, SnapshotFormatException {
    return readRaw(readCount(what + " length", maxBytes, 1));
  }

  /** Reads a string of at most {@code maxBytes} bytes of UTF-8. */
  public String readString(String what, int maxBytes) throws IOException, SnapshotFormatException {
    byte[] b = readBlob(what, maxBytes);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new SnapshotFormatException(what + " is not UTF-8");
    }
  }

  /** Reads {@code n} longs into {@code a} from {@code from}. */
  public void readLongs(long[] a, int from, int n) throws IOException, SnapshotFormatException {
    while (n > 0) {
      need(Long.BYTES);
      int k = Math.min(n, buffer.remaining() / Long.BYTES);
      buffer.asLongBuffer().get(a, from, k);
      buffer.position(buffer.position() + k * Long.BYTES);
      from += k;
      n -= k;
    }
  }

  /** Reads {@code n} ints into {@code a} from {@code from}. */
  public void readInts(int[] a, int from, int n) throws IOException, SnapshotFormatException {
    while (n > 0) {
      need(Integer.BYTES);
      int k = Math.min(n, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().get(a, from, k);
      buffer.position(buffer.position() + k * Integer.BYTES);
      from += k;
      n -= k;
    }
  }

  /** Reads {@code n} bytes into {@code a} from {@code from}. */
  public void readBytes(byte[] a, int from, int n) throws IOException, SnapshotFormatException {
    while (n > 0) {
      need(1);
      int k = Math.min(n, buffer.remaining());
      buffer.get(a, from, k);
      from += k;
      n -= k;
    }
  }

  /**
   * Checks that everything was read and that the checksum matches; only then may what was read be used.
   *
   * @throws SnapshotFormatException when bytes are left over or the checksum differs
   */
  public void finish() throws IOException, SnapshotFormatException {
    if (remaining() != 0) {
      throw new SnapshotFormatException(remaining() + " bytes left after the last section");
    }
    ByteBuffer trailer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (trailer.hasRemaining()) {
      if (channel.read(trailer, bodyLength + trailer.position()) < 0) {
        throw new EOFException("snapshot " + file + " ended before its checksum");
      }
    }
    int stored = trailer.flip().getInt();
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw new SnapshotFormatException("checksum " + Integer.toHexString(computed) + " of the contents differs from the "
          + "stored " + Integer.toHexString(stored) + ": the file is corrupt");
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // Loads more of the body (never the checksum) once fewer than n bytes are buffered; each byte
  // enters the checksum once, as it is loaded.
  private void need(int n) throws IOException, SnapshotFormatException {
    if (buffer.remaining() >= n) {
      return;
    }
    buffer.compact();
    while (buffer.position() < n) {
      long left = bodyLength - loaded;
      if (left == 0) {
        throw new SnapshotFormatException("the file ends " + (loaded) + " bytes in, in the middle of a value: it is truncated");
      }
      int start = buffer.position();
      int want = (int) Math.min(left, buffer.remaining());
      ByteBuffer slice = buffer.duplicate().limit(start + want);
      int read = channel.read(slice, loaded);
      if (read < 0) {
        throw new EOFException("snapshot " + file + " shrank while it was read");
      }
      crc.update(buffer.array(), start, read);
      buffer.position(start + read);
      loaded += read;
    }
    buffer.flip();
  }
}
