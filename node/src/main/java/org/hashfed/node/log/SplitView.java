package org.hashfed.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.hashfed.protocol.json.Json;

/**
 * Evidence that a log signed two checkpoints that cannot both be views of one append-only log:
 * the earlier one this witness had cosigned and the later one it was shown, both as signed notes.
 */
public record SplitView(String origin, Instant detectedAt, String reason, String earlier, String later) {

  private static final ObjectMapper JSON = Json.mapper();

  /** Requires every part. */
  public SplitView {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(earlier, "earlier");
    Objects.requireNonNull(later, "later");
  }

  /** {@code {"origin","detected_at","reason","earlier","later"}}, the notes as text. */
  public ObjectNode toJsonNode() {
    return JSON.createObjectNode()
        .put("origin", origin)
        .put("detected_at", detectedAt.toString())
        .put("reason", reason)
        .put("earlier", earlier)
        .put("later", later);
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(toJsonNode());
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise split-view evidence", e);
    }
  }

  static SplitView parse(byte[] json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new SplitView(n.path("origin").asText(), Instant.parse(n.path("detected_at").asText()),
          n.path("reason").asText(), n.path("earlier").asText(), n.path("later").asText());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("stored split-view evidence does not parse: " + e.getMessage(), e);
    }
  }
}
