package org.hashfed.cli.staff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How {@code hashfed updates} prints a {@code retro.match}. */
class WatchUpdatesLineTest {

  @Test
  void retroMatch_namesTheWatchedContentAndDistance() throws Exception {
    String line = UpdatesCommand.line(new ObjectMapper().readTree("{\"type\":\"retro.match\","
        + "\"time\":\"2026-12-03T15:16:00Z\",\"data\":{\"member\":\"acme\",\"signal\":{\"type\":\"pdq\",\"value\":\"ab\"},"
        + "\"labels\":[\"x:y\"],\"trust\":\"standard\",\"confidence\":0.5,\"content_id\":\"upload-1\",\"distance\":4,"
        + "\"cause\":\"signal.added\"}}"));
    assertTrue(line.contains("retro.match") && line.endsWith("(watched upload-1, distance 4)"), line);
  }
}
