package org.hashfed.node.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.hashfed.node.Await;

/** The node's {@code <data>/uploads}, which every request leaves empty once its response has ended. */
final class UploadsDir {

  private UploadsDir() {}

  /** Waits until nothing is left in {@code <data>/uploads}: directories are removed asynchronously. */
  static void assertEmptySoon(Path data) {
    Path uploads = data.resolve("uploads");
    Await.until(Duration.ofSeconds(30), () -> entries(uploads) == 0,
        () -> entries(uploads) + " temporary upload files left in " + uploads);
  }

  private static long entries(Path uploads) {
    if (!Files.isDirectory(uploads)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(uploads)) {
      return s.filter(p -> !p.equals(uploads)).count();
    } catch (IOException | UncheckedIOException e) {
      // a directory removed while it was walked: look again
      return -1;
    }
  }
}
