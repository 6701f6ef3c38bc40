package org.hashfed.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.json.Json;
import org.junit.jupiter.api.Test;

class LabelVocabularyTest {

  @Test
  void everyPublishedLabel_matchesTheLabelPattern() throws Exception {
    Path file = Path.of(System.getProperty("hashfed.spec.dir", "../spec")).resolve("labels.json");
    JsonNode labels = Json.readTree(Files.readAllBytes(file)).get("labels");
    assertTrue(labels.size() >= 10);
    for (JsonNode l : labels) {
      String label = l.get("label").asText().replace("<id>", "example-1");
      assertDoesNotThrow(() -> Label.parse(label), label);
      assertTrue(!l.get("meaning").asText().isBlank(), label);
    }
  }
}
