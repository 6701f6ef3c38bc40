package org.hashfed.node.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The watch package depends on the store and the PDQ index; the events package uses it, never the reverse. */
class WatchDependencyTest {

  @Test
  void watch_neverImportsTheApiEventsOrLedger() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/hashfed/node/watch"))) {
      assertEquals(List.of(), files.filter(f -> {
        try {
          String s = Files.readString(f);
          return s.contains("import org.hashfed.node.api.") || s.contains("import org.hashfed.node.events.")
              || s.contains("import org.hashfed.node.entries.");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).map(Path::toString).toList());
    }
  }
}
