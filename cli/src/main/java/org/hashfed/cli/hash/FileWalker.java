package org.hashfed.cli.hash;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Expands command-line paths into files: a file is itself, a directory is every regular file below
 * it (sorted, symbolic links to directories not followed, so a link loop cannot run forever).
 */
final class FileWalker {

  /** A path that could not be listed, with the reason. */
  static final class Failure {
    final Path path;
    final String message;

    Failure(Path path, String message) {
      this.path = path;
      this.message = message;
    }
  }

  private FileWalker() {}

  /** The files under {@code roots}, in order; problems go to {@code failures}. */
  static List<Path> files(List<Path> roots, Consumer<Failure> failures) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        walk(root, out, failures);
      } else if (Files.isRegularFile(root)) {
        out.add(root);
      } else if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) || Files.exists(root)) {
        failures.accept(new Failure(root, "not a regular file or directory"));
      } else {
        failures.accept(new Failure(root, "no such file or directory"));
      }
    }
    return out;
  }

  private static void walk(Path root, List<Path> out, Consumer<Failure> failures) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          failures.accept(new Failure(file, Errors.describe(e)));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      failures.accept(new Failure(root, Errors.describe(e)));
    }
    found.sort(null);
    out.addAll(found);
  }
}
