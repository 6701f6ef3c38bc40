package org.hashfed.protocol.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * The one writer of files that hold secrets (private keys, API keys, saved credentials).
 *
 * <p>A file is first written in full to a temporary file in the target's directory that is
 * created readable by its owner only (0600) in the same system call that creates it, so the secret
 * never exists on disk under wider permissions, not even for a moment; the temporary file is
 * fsynced and then published under its name, and the directory fsynced. Missing parent
 * directories are created owner-only (0700). On a file system without POSIX permissions the files
 * get that file system's defaults.
 */
public final class SecretFiles {

  private static final String OWNER_ONLY = "rw-------";
  private static final String WORLD_READABLE = "rw-r--r--";
  private static final Consumer<Path> NO_HOOK = staged -> { };

  private SecretFiles() {}

  /**
   * Creates {@code file} holding {@code content}, readable by its owner only (0600); the file
   * appears complete or not at all.
   *
   * @throws FileAlreadyExistsException when the file exists (it is left untouched)
   * @throws IOException when it cannot be written; the message names the file
   */
  public static void create(Path file, byte[] content) throws IOException {
    create(file, content, OWNER_ONLY, NO_HOOK);
  }

  /**
   * Writes {@code file} holding {@code content}, readable by its owner only (0600), atomically
   * replacing the file if it exists: readers see the old or the new content, never a mix.
   *
   * @throws IOException when it cannot be written; the message names the file
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = prepareDirectory(target);
    Path tmp = stage(dir, content, OWNER_ONLY);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Creates a file that is not secret (0644), like {@link #create}: for public keys next to private ones. */
  static void createPublic(Path file, byte[] content) throws IOException {
    create(file, content, WORLD_READABLE, NO_HOOK);
  }

  /**
   * {@link #create}, with {@code onStaged} called on the written temporary file before it is
   * published, so tests can see the state of the secret's bytes on disk before they get their name.
   */
  static void create(Path file, byte[] content, Consumer<Path> onStaged) throws IOException {
    create(file, content, OWNER_ONLY, onStaged);
  }

  private static void create(Path file, byte[] content, String mode, Consumer<Path> onStaged) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw refuseOverwrite(target);
    }
    Path dir = prepareDirectory(target);
    Path tmp = stage(dir, content, mode);
    try {
      onStaged.accept(tmp);
      // A hard link is an atomic create-if-absent: unlike rename, it never replaces a file that
      // appeared since the check above.
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException e) {
        throw refuseOverwrite(target);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static FileAlreadyExistsException refuseOverwrite(Path target) {
    return new FileAlreadyExistsException(target.toString(), null,
        "refusing to overwrite an existing file (move it away or delete it first)");
  }

  private static Path prepareDirectory(Path target) throws IOException {
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      if (isPosix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    return dir;
  }

  /** Writes {@code content} to a new temporary file in {@code dir}, created with {@code mode}, and fsyncs it. */
  private static Path stage(Path dir, byte[] content, String mode) throws IOException {
    FileAttribute<?>[] attrs = isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, ".hashfed-secret", ".tmp", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // The mode the caller wants is applied only once the content is complete, and only ever
      // widens a file that was owner-only from its creation.
      if (attrs.length > 0 && !mode.equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
      }
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Makes the new directory entry durable, so a crash cannot lose a file that was reported written. */
  private static void syncDirectory(Path dir) throws IOException {
    if (isPosix(dir)) {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
  }

  private static boolean isPosix(Path dir) throws IOException {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
  }
}
