package org.hashfed.protocol.filehash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The MD5 and SHA-256 of a file's bytes and its length, computed in one streaming pass. */
public final class FileDigests {

  /** Read buffer: large enough for throughput, fixed so a 10 GB video needs no more memory than a photo. */
  static final int BUFFER_BYTES = 1 << 20;

  private final long bytes;
  private final byte[] md5;
  private final byte[] sha256;

  private FileDigests(long bytes, byte[] md5, byte[] sha256) {
    this.bytes = bytes;
    this.md5 = md5;
    this.sha256 = sha256;
  }

  /** Digests the file, reading it once in fixed-size chunks. */
  public static FileDigests of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /** Digests everything the stream yields; the stream is not closed. */
  public static FileDigests of(InputStream in) throws IOException {
    Digester d = new Digester();
    byte[] buf = new byte[BUFFER_BYTES];
    int n;
    while ((n = in.read(buf)) >= 0) {
      d.update(buf, 0, n);
    }
    return d.finish();
  }

  /** Digests bytes already in memory. */
  public static FileDigests of(byte[] content) {
    Digester d = new Digester();
    d.update(content, 0, content.length);
    return d.finish();
  }

  /** Length of the content in bytes. */
  public long bytes() {
    return bytes;
  }

  /** MD5 as 32 lowercase hex digits. */
  public String md5Hex() {
    return HexFormat.of().formatHex(md5);
  }

  /** SHA-256 as 64 lowercase hex digits. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }

  /** MD5 bytes; a fresh copy. */
  public byte[] md5() {
    return md5.clone();
  }

  /** SHA-256 bytes; a fresh copy. */
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public String toString() {
    return "md5 " + md5Hex() + " sha256 " + sha256Hex() + " bytes " + bytes;
  }

  private static final class Digester {
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private long bytes;

    void update(byte[] b, int off, int len) {
      md5.update(b, off, len);
      sha256.update(b, off, len);
      bytes += len;
    }

    FileDigests finish() {
      return new FileDigests(bytes, md5.digest(), sha256.digest());
    }

    private static MessageDigest digest(String algorithm) {
      try {
        return MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        // Every Java platform must provide MD5 and SHA-256.
        throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
      }
    }
  }
}
