package org.hashfed.protocol.filehash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {

  @TempDir Path dir;

  @Test
  void abc_matchesPublishedDigests() throws IOException {
    Path f = dir.resolve("abc");
    Files.write(f, "abc".getBytes(StandardCharsets.US_ASCII));
    FileDigests d = FileDigests.of(f);
    // RFC 1321 and FIPS 180-2 test vectors.
    assertEquals("900150983cd24fb0d6963f7d28e17f72", d.md5Hex());
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", d.sha256Hex());
    assertEquals(3, d.bytes());
  }

  @Test
  void emptyFile_matchesPublishedDigests() throws IOException {
    Path f = Files.createFile(dir.resolve("empty"));
    FileDigests d = FileDigests.of(f);
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", d.md5Hex());
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d.sha256Hex());
    assertEquals(0, d.bytes());
  }

  @Test
  void fileSpanningManyBuffers_matchesInMemoryDigest() throws IOException {
    byte[] content = new byte[3 * FileDigests.BUFFER_BYTES + 12345];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + (i >>> 11));
    }
    Path f = dir.resolve("multi");
    Files.write(f, content);
    FileDigests streamed = FileDigests.of(f);
    FileDigests whole = FileDigests.of(content);
    assertEquals(whole.sha256Hex(), streamed.sha256Hex());
    assertEquals(whole.md5Hex(), streamed.md5Hex());
    assertEquals(content.length, streamed.bytes());
  }

  /**
   * Streams a sparse file and compares with coreutils. 64 MiB by default to keep the suite fast;
   * {@code -Dhashfed.bigFileMiB=10240} runs the 10 GB case.
   */
  @Test
  void largeSparseFile_matchesCoreutils() throws Exception {
    long mib = Long.getLong("hashfed.bigFileMiB", 64);
    Path f = dir.resolve("sparse.bin");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(mib << 20);
      raf.seek((mib << 20) - 5);
      raf.write("tail!".getBytes(StandardCharsets.US_ASCII));
    }
    String sha = tool("sha256sum", f);
    String md5 = tool("md5sum", f);
    FileDigests d = FileDigests.of(f);
    assertEquals(sha, d.sha256Hex());
    assertEquals(md5, d.md5Hex());
    assertEquals(mib << 20, d.bytes());
  }

  private static String tool(String name, Path f) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(name, f.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, name + " is not installed");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, name + " failed: " + out);
    return out.substring(0, out.indexOf(' '));
  }
}
