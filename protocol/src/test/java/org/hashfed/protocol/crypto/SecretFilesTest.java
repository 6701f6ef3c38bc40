package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

  private static final byte[] SECRET = "hfk_secret\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  @Test
  void create_secretBytesAreOwnerOnlyBeforeTheyGetTheirName() throws Exception {
    Path file = dir.resolve("admin.key");
    List<String> staged = new ArrayList<>();
    SecretFiles.create(file, SECRET, tmp -> {
      try {
        assertFalse(Files.exists(file), "published before the content was complete");
        assertArrayEquals(SECRET, Files.readAllBytes(tmp));
        staged.add(mode(tmp));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    assertEquals(List.of("rw-------"), staged);
    assertEquals("rw-------", mode(file));
    assertArrayEquals(SECRET, Files.readAllBytes(file));
    assertOnlyFiles("admin.key");
  }

  @Test
  void create_overExistingFile_refusesNamingThePathAndKeepsIt() throws Exception {
    Path file = dir.resolve("admin.key");
    Files.writeString(file, "keep me");
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> SecretFiles.create(file, SECRET));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("refusing to overwrite"),
        e.getMessage());
    assertEquals("keep me", Files.readString(file));
    assertOnlyFiles("admin.key");
  }

  @Test
  void create_whenTheFileAppearsWhileStaging_refusesAndKeepsTheNewcomer() throws Exception {
    Path file = dir.resolve("admin.key");
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> SecretFiles.create(file, SECRET, tmp -> {
          try {
            Files.writeString(file, "raced in");
          } catch (IOException io) {
            throw new UncheckedIOException(io);
          }
        }));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals("raced in", Files.readString(file));
    assertOnlyFiles("admin.key");
  }

  @Test
  void create_overDanglingSymlink_refuses() throws Exception {
    Path file = dir.resolve("admin.key");
    Files.createSymbolicLink(file, dir.resolve("elsewhere"));
    assertThrows(FileAlreadyExistsException.class, () -> SecretFiles.create(file, SECRET));
    assertFalse(Files.exists(dir.resolve("elsewhere")), "followed the link");
  }

  @Test
  void create_inMissingDirectory_createsItOwnerOnly() throws Exception {
    Path file = dir.resolve("data").resolve("keys").resolve("tls.key");
    SecretFiles.create(file, SECRET);
    assertEquals("rwx------", mode(dir.resolve("data")));
    assertEquals("rwx------", mode(file.getParent()));
    assertEquals("rw-------", mode(file));
  }

  @Test
  void create_whereTheParentIsAFile_failsNamingThePath() throws Exception {
    Path parent = dir.resolve("not-a-dir");
    Files.writeString(parent, "x");
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> SecretFiles.create(parent.resolve("admin.key"), SECRET));
    assertTrue(e.getMessage().contains(parent.toString()), e.getMessage());
  }

  @Test
  void replace_overWorldReadableFile_leavesItOwnerOnlyWithTheNewContent() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFiles.replace(file, SECRET);
    assertEquals("rw-------", mode(file));
    assertArrayEquals(SECRET, Files.readAllBytes(file));
    assertOnlyFiles("config.json");
  }

  @Test
  void replace_missingFile_createsIt() throws Exception {
    Path file = dir.resolve("hashfed").resolve("config.json");
    SecretFiles.replace(file, SECRET);
    assertEquals("rw-------", mode(file));
    assertEquals("rwx------", mode(file.getParent()));
  }

  @Test
  void createPublic_isWorldReadable() throws Exception {
    Path file = dir.resolve("member.pub");
    SecretFiles.createPublic(file, SECRET);
    assertEquals("rw-r--r--", mode(file));
    assertThrows(FileAlreadyExistsException.class, () -> SecretFiles.createPublic(file, SECRET));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private void assertOnlyFiles(String... names) throws IOException {
    try (var files = Files.list(dir)) {
      assertEquals(List.of(names), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }
}
