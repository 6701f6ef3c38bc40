package org.hashfed.cli.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A benchmark's data directory kept between runs ({@code --store DIR}): a note next to the node's
 * data says which synthetic corpus it holds, so that a later run reuses it only for the same one.
 */
final class BenchStore {

  private static final String NOTE = "bench-corpus.properties";

  private BenchStore() {}

  /**
   * Whether {@code dir} already holds the corpus of {@code size} and {@code seed}; false for a
   * missing or empty directory, which the caller loads.
   *
   * @throws ParameterException when {@code dir} holds something else
   */
  static boolean holds(Path dir, int size, long seed, CommandSpec spec) throws IOException {
    Path note = dir.resolve(NOTE);
    if (!Files.exists(note)) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new ParameterException(spec.commandLine(), "invalid --store " + dir
                + ": the directory is not empty and holds no benchmark corpus (expected: a new or empty directory,"
                + " or one a previous run filled)");
          }
        }
      }
      return false;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String held = p.getProperty("size") + " entries, seed " + p.getProperty("seed");
    if (!held.equals(size + " entries, seed " + seed)) {
      throw new ParameterException(spec.commandLine(), "invalid --store " + dir + ": it holds a corpus of " + held
          + ", not " + size + " entries, seed " + seed + " (expected: the same --size and --seed, or another directory)");
    }
    return true;
  }

  /** Notes that {@code dir} now holds the corpus of {@code size} and {@code seed}. */
  static void mark(Path dir, int size, long seed) throws IOException {
    Properties p = new Properties();
    p.setProperty("size", Integer.toString(size));
    p.setProperty("seed", Long.toString(seed));
    try (Writer w = Files.newBufferedWriter(dir.resolve(NOTE), StandardCharsets.UTF_8)) {
      p.store(w, "synthetic corpus of hashfed bench http");
    }
  }
}
