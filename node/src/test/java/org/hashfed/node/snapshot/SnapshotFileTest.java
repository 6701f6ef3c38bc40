package org.hashfed.node.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checksummed file under the start-up snapshot: round trip, atomic replacement, hostile lengths. */
class SnapshotFileTest {

  @TempDir Path dir;

  private Path write(int count, long[] longs, String text) throws Exception {
    Path file = dir.resolve("s.snapshot");
    try (SnapshotOutput out = SnapshotOutput.create(file)) {
      out.writeInt(count);
      out.writeLongs(longs, 0, longs.length);
      out.writeString(text);
      out.commit();
    }
    return file;
  }

  @Test
  void roundTrip_ofArraysLargerThanTheBuffer_readsBackWhatWasWritten() throws Exception {
    long[] longs = new long[300_000];
    for (int i = 0; i < longs.length; i++) {
      longs[i] = i * 0x9E3779B97F4A7C15L;
    }
    Path file = write(longs.length, longs, "héllo");
    assertFalse(Files.exists(dir.resolve("s.snapshot.tmp")), "the temporary file is renamed");
    try (SnapshotInput in = SnapshotInput.open(file)) {
      int n = in.readCount("long", Integer.MAX_VALUE, Long.BYTES);
      long[] back = new long[n];
      in.readLongs(back, 0, n);
      assertArrayEquals(longs, back);
      assertEquals("héllo", in.readString("text", 100));
      in.finish();
    }
  }

  @Test
  void readCount_beyondWhatTheFileHolds_isRefusedBeforeAnythingIsAllocated() throws Exception {
    // a valid checksum, but a count of two billion longs in a file of a few bytes
    Path file = write(Integer.MAX_VALUE - 1, new long[] {1}, "x");
    try (SnapshotInput in = SnapshotInput.open(file)) {
      SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
          () -> in.readCount("listing", Integer.MAX_VALUE, Long.BYTES));
      assertTrue(e.getMessage().contains("listing count 2147483646") && e.getMessage().contains("truncated"),
          e.getMessage());
    }
    try (SnapshotInput in = SnapshotInput.open(file)) {
      SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
          () -> in.readCount("member", 1000, 1));
      assertTrue(e.getMessage().contains("out of range (expected: 0..1000)"), e.getMessage());
    }
  }

  @Test
  void finish_withAFlippedBit_failsOnTheChecksum() throws Exception {
    Path file = write(1, new long[] {42}, "abc");
    byte[] bytes = Files.readAllBytes(file);
    bytes[6] ^= 1;
    Files.write(file, bytes);
    try (SnapshotInput in = SnapshotInput.open(file)) {
      in.readInt();
      in.readLongs(new long[1], 0, 1);
      in.readString("text", 10);
      SnapshotFormatException e = assertThrows(SnapshotFormatException.class, in::finish);
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
  }

  @Test
  void read_pastTheEnd_failsAsTruncated() throws Exception {
    Path file = write(1, new long[] {42}, "abc");
    try (SnapshotInput in = SnapshotInput.open(file)) {
      in.readInt();
      in.readLongs(new long[1], 0, 1);
      in.readString("text", 10);
      SnapshotFormatException e = assertThrows(SnapshotFormatException.class, in::readLong);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void close_withoutCommit_keepsTheOldSnapshot() throws Exception {
    Path file = write(1, new long[] {42}, "old");
    byte[] before = Files.readAllBytes(file);
    try (SnapshotOutput out = SnapshotOutput.create(file)) {
      out.writeInt(7);
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("s.snapshot.tmp")));
  }
}
