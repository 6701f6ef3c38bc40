package org.hashfed.node.hma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The HMA layer depends on the core, never the other way: no class outside it names the package. */
class HmaBoundaryTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Path HMA = MAIN.resolve("org/hashfed/node/hma");

  @Test
  void noCoreSource_importsTheHmaPackage() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Path> offenders = files
          .filter(p -> p.toString().endsWith(".java") && !p.startsWith(HMA))
          .filter(p -> read(p).contains("org.hashfed.node.hma"))
          .toList();
      assertEquals(List.of(), offenders);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
