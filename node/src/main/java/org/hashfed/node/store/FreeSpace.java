package org.hashfed.node.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether the disk of a store has room again after a full disk: a probe file is written and
 * synced, then removed. Free-space figures alone mislead (reserved blocks, quotas, a tmpfs), and
 * reopening the database on a disk still full would fail the reads that still work.
 */
final class FreeSpace {

  /** Room the probe asks for: a few WAL records and a flushed memtable's first blocks. */
  static final int PROBE_BYTES = 1 << 20;
  private static final String PROBE_NAME = "space-probe.tmp";

  private FreeSpace() {}

  /** Whether {@link #PROBE_BYTES} could be written and synced in {@code dir}; leaves no file behind. */
  static boolean available(Path dir) {
    Path probe = dir.resolve(PROBE_NAME);
    try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
      for (int written = 0; written < PROBE_BYTES; written += zeros.capacity()) {
        zeros.clear();
        while (zeros.hasRemaining()) {
          ch.write(zeros);
        }
      }
      ch.force(true);
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // a probe that cannot be removed is overwritten by the next one
      }
    }
  }
}
