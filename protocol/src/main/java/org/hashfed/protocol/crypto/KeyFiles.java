package org.hashfed.protocol.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads and writes key files: PEM-like text, one base64 line of the 32 raw bytes between
 * {@code -----BEGIN HASHFED ED25519 PRIVATE KEY-----} / {@code PUBLIC KEY} armour lines.
 */
public final class KeyFiles {

  static final String PRIVATE_LABEL = "HASHFED ED25519 PRIVATE KEY";
  static final String PUBLIC_LABEL = "HASHFED ED25519 PUBLIC KEY";
  private static final int MAX_FILE_BYTES = 4096;
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  /**
   * Writes a private key file readable by its owner only (0600) through {@link SecretFiles}: the
   * file appears complete or not at all, and an existing file is never overwritten.
   *
   * @throws FileAlreadyExistsException when the file exists
   */
  public static void writePrivateKey(Path file, Ed25519PrivateKey key) throws IOException {
    byte[] seed = key.seed();
    byte[] content = armour(PRIVATE_LABEL, seed);
    try {
      SecretFiles.create(file, content);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(content, (byte) 0);
    }
  }

  /**
   * Writes a public key file (0644), atomically, never overwriting an existing file.
   *
   * @throws FileAlreadyExistsException when the file exists
   */
  public static void writePublicKey(Path file, Ed25519PublicKey key) throws IOException {
    SecretFiles.createPublic(file, armour(PUBLIC_LABEL, key.bytes()));
  }

  /**
   * Reads a private key file, refusing one that group or others may access.
   *
   * @throws KeyFileException when the file is malformed or its permissions are too open
   */
  public static Ed25519PrivateKey readPrivateKey(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        throw new KeyFileException("private key file " + file + " has permissions "
            + PosixFilePermissions.toString(perms) + ": expected rw------- (run: chmod 600 " + file + ")");
      }
    }
    byte[] seed = dearmour(file, PRIVATE_LABEL, Ed25519PrivateKey.SEED_LENGTH);
    try {
      return Ed25519PrivateKey.fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Reads a public key file.
   *
   * @throws KeyFileException when the file is malformed or holds an invalid key
   */
  public static Ed25519PublicKey readPublicKey(Path file) throws IOException {
    byte[] raw = dearmour(file, PUBLIC_LABEL, Ed25519PublicKey.LENGTH);
    try {
      return Ed25519PublicKey.fromBytes(raw);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("public key file " + file + " is malformed: " + e.getMessage());
    }
  }

  static byte[] armour(String label, byte[] raw) {
    String text = "-----BEGIN " + label + "-----\n" + Base64.getEncoder().encodeToString(raw) + "\n-----END "
        + label + "-----\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] dearmour(Path file, String label, int length) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new KeyFileException("key file " + file + " is larger than " + MAX_FILE_BYTES + " bytes: expected a "
          + label + " file");
    }
    String expected = "expected the lines '-----BEGIN " + label + "-----', base64 of " + length
        + " bytes, '-----END " + label + "-----'";
    String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip().split("\r?\n", -1);
    if (lines.length != 3 || !lines[0].equals("-----BEGIN " + label + "-----")
        || !lines[2].equals("-----END " + label + "-----")) {
      throw new KeyFileException("key file " + file + " is malformed: " + expected);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(lines[1].strip());
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("key file " + file + " is malformed: the key line is not base64 (" + expected + ")");
    }
    if (raw.length != length) {
      Arrays.fill(raw, (byte) 0);
      throw new KeyFileException("key file " + file + " is malformed: the key has " + raw.length + " bytes ("
          + expected + ")");
    }
    return raw;
  }
}
