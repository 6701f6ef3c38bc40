package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  @TempDir
  Path dir;

  @Test
  void privateKey_isWrittenOwnerOnlyAndReadsBack() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    Path file = dir.resolve("member.key");
    KeyFiles.writePrivateKey(file, key);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file);
    assertTrue(text.startsWith("-----BEGIN HASHFED ED25519 PRIVATE KEY-----\n"), text);
    Ed25519PrivateKey read = KeyFiles.readPrivateKey(file);
    assertEquals(key.publicKey(), read.publicKey());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void writePrivateKey_overExistingFile_throws() throws Exception {
    Path file = dir.resolve("member.key");
    Files.writeString(file, "keep me");
    assertThrows(FileAlreadyExistsException.class,
        () -> KeyFiles.writePrivateKey(file, Ed25519PrivateKey.generate(new SecureRandom())));
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void readPrivateKey_readableByGroup_throwsNamingChmod() throws Exception {
    Path file = dir.resolve("member.key");
    KeyFiles.writePrivateKey(file, Ed25519PrivateKey.generate(new SecureRandom()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readPrivateKey(file));
    assertTrue(e.getMessage().contains("rw-r-----") && e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void readPrivateKey_malformed_throws() throws Exception {
    Path file = dir.resolve("bad.key");
    Files.writeString(file, "-----BEGIN HASHFED ED25519 PRIVATE KEY-----\nAAAA\n-----END HASHFED ED25519 PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readPrivateKey(file));
    assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    Files.writeString(file, "not a key");
    assertThrows(KeyFileException.class, () -> KeyFiles.readPrivateKey(file));
  }

  @Test
  void readPublicKey_ofPrivateKeyFile_throws() throws Exception {
    Path file = dir.resolve("member.key");
    KeyFiles.writePrivateKey(file, Ed25519PrivateKey.generate(new SecureRandom()));
    assertThrows(KeyFileException.class, () -> KeyFiles.readPublicKey(file));
  }

  @Test
  void publicKey_roundTrips() throws Exception {
    Ed25519PublicKey key = Ed25519PrivateKey.generate(new SecureRandom()).publicKey();
    Path file = dir.resolve("member.pub");
    KeyFiles.writePublicKey(file, key);
    assertArrayEquals(key.bytes(), KeyFiles.readPublicKey(file).bytes());
    assertEquals("-----BEGIN HASHFED ED25519 PUBLIC KEY-----\n" + key.toBase64()
        + "\n-----END HASHFED ED25519 PUBLIC KEY-----\n", Files.readString(file, StandardCharsets.US_ASCII));
  }
}
