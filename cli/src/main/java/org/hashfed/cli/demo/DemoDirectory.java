package org.hashfed.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The demo's data directory: created fresh on every run, and only ever wiped when it is the demo's own. */
final class DemoDirectory {

  private DemoDirectory() {}

  /**
   * Makes {@code dir} an empty demo directory carrying {@code marker}.
   *
   * @throws DemoException when {@code dir} holds files but no marker: it is not the demo's to wipe
   */
  static void prepare(Path dir, String marker) throws IOException, DemoException {
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(marker))) {
        throw new DemoException("the directory " + dir + " is not empty and was not made by hashfed demo: "
            + "expected an empty or earlier demo directory (choose another with --dir)");
      }
      wipe(dir);
    } else if (Files.exists(dir)) {
      throw new DemoException(dir + " is a file: expected a directory for the demo's data (choose another with --dir)");
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(marker), "made by hashfed demo; wiped by its next run\n");
  }

  private static void wipe(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(dir)) {
      paths = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
