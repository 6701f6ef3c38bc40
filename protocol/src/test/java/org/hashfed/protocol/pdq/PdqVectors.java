package org.hashfed.protocol.pdq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PDQ reference vectors in test resources: images and both references' hashes. */
final class PdqVectors {

  /** One row of expected.csv. */
  static final class Vector {
    final String file;
    final PdqHash cpp;
    final int cppQuality;
    final PdqHash fullres;
    final int fullresQuality;

    Vector(String[] cols) {
      file = cols[0];
      cpp = PdqHash.fromHex(cols[1]);
      cppQuality = Integer.parseInt(cols[2]);
      fullres = PdqHash.fromHex(cols[3]);
      fullresQuality = Integer.parseInt(cols[4]);
    }

    Path image() {
      return dir().resolve("images").resolve(file);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private PdqVectors() {}

  static Path dir() {
    try {
      return Path.of(PdqVectors.class.getResource("/pdq-vectors/expected.csv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Vector> all() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("expected.csv"), StandardCharsets.UTF_8);
      List<Vector> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          out.add(new Vector(line.split(",")));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Vector named(String file) {
    return all().stream().filter(v -> v.file.equals(file)).findFirst().orElseThrow();
  }
}
