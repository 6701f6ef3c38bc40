package org.hashfed.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The events and webhooks packages depend on the store, the ledger and trust, never on the API. */
class EventsDependencyTest {

  private static final Path MAIN = Path.of("src/main/java/org/hashfed/node");

  @Test
  void eventsAndWebhooks_neverImportTheApi() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Stream.concat(Files.list(MAIN.resolve("events")), Files.list(MAIN.resolve("webhooks")))) {
      offenders = files.filter(f -> {
        try {
          return Files.readString(f).contains("import org.hashfed.node.api.");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void events_neverImportWebhooks() throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve("events"))) {
      assertEquals(List.of(), files.filter(f -> {
        try {
          return Files.readString(f).contains("import org.hashfed.node.webhooks.");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList());
    }
  }
}
