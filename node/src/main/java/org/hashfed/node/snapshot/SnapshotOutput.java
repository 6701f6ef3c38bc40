package org.hashfed.node.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot file: little-endian numbers and arrays, then a CRC32C of everything before it.
 * The bytes go to {@code <file>.tmp}; {@link #commit} forces them to the disk and renames the
 * temporary file over {@code file} atomically, so that a crash at any point leaves either the old
 * snapshot or the new one, never a mix. Not thread-safe.
 */
public final class SnapshotOutput implements AutoCloseable {

  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final Path tmp;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private boolean committed;

  private SnapshotOutput(Path file, Path tmp, FileChannel channel) {
    this.file = file;
    this.tmp = tmp;
    this.channel = channel;
  }

  /** Starts writing the snapshot that {@link #commit} will put at {@code file}. */
  public static SnapshotOutput create(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    return new SnapshotOutput(file, tmp, channel);
  }

  /** Writes one byte. */
  public void writeByte(int v) throws IOException {
    room(1);
    buffer.put((byte) v);
  }

  /** Writes an int. */
  public void writeInt(int v) throws IOException {
    room(Integer.BYTES);
    buffer.putInt(v);
  }

  /** Writes a long. */
  public void writeLong(long v) throws IOException {
    room(Long.BYTES);
    buffer.putLong(v);
  }

  /** Writes the bytes of {@code v} as they are, without a length. */
  public void writeRaw(byte[] v) throws IOException {
    writeBytes(v, 0, v.length);
  }

  /** Writes a length (int) and the bytes of {@code v}. */
  public void writeBlob(byte[] v) throws IOException {
    writeInt(v.length);
    writeRaw(v);
  }

  /** Writes a string as a length and its UTF-8 bytes. */
  public void writeString(String v) throws IOException {
    writeBlob(v.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code n} longs of {@code a} from {@code from}. */
  public void writeLongs(long[] a, int from, int n) throws IOException {
    while (n > 0) {
      room(Long.BYTES);
      int k = Math.min(n, buffer.remaining() / Long.BYTES);
      buffer.asLongBuffer().put(a, from, k);
      buffer.position(buffer.position() + k * Long.BYTES);
      from += k;
      n -= k;
    }
  }

  /** Writes {@code n} ints of {@code a} from {@code from}. */
  public void writeInts(int[] a, int from, int n) throws IOException {
    while (n > 0) {
      room(Integer.BYTES);
      int k = Math.min(n, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().put(a, from, k);
      buffer.position(buffer.position() + k * Integer.BYTES);
      from += k;
      n -= k;
    }
  }

  /** Writes {@code n} bytes of {@code a} from {@code from}. */
  public void writeBytes(byte[] a, int from, int n) throws IOException {
    while (n > 0) {
      room(1);
      int k = Math.min(n, buffer.remaining());
      buffer.put(a, from, k);
      from += k;
      n -= k;
    }
  }

  /**
   * Writes the checksum, forces the file to the disk, renames it over the snapshot and forces the
   * directory, so that the rename survives a crash too.
   */
  public void commit() throws IOException {
    flush();
    ByteBuffer trailer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).flip();
    while (trailer.hasRemaining()) {
      channel.write(trailer);
    }
    channel.force(true);
    channel.close();
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + tmp + " over " + file + " atomically: " + e.getMessage(), e);
    }
    try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
    committed = true;
  }

  /** Closes the file; without {@link #commit} the temporary file is deleted and the old snapshot stays. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      channel.close();
      Files.deleteIfExists(tmp);
    }
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.array(), 0, buffer.limit());
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }
}
