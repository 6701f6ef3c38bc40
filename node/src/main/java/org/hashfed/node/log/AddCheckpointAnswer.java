package org.hashfed.node.log;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A witness's answer to a C2SP tlog-witness {@code add-checkpoint} request: the HTTP status, and
 * the body with its content type (the cosignature lines on 200, the witness's size on 409, the
 * reason otherwise).
 */
public record AddCheckpointAnswer(int status, String contentType, String body) {

  /** Content type of a 409's body, the size the witness last cosigned (C2SP tlog-witness). */
  public static final String SIZE_CONTENT_TYPE = "text/x.tlog.size";

  /** Checks the fields. */
  public AddCheckpointAnswer {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("invalid HTTP status " + status + " (expected: 200..599)");
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  static AddCheckpointAnswer cosigned(String signatureLines) {
    return new AddCheckpointAnswer(200, "text/plain; charset=utf-8", signatureLines);
  }

  static AddCheckpointAnswer conflict(long witnessedSize) {
    return new AddCheckpointAnswer(409, SIZE_CONTENT_TYPE, witnessedSize + "\n");
  }

  /** A refusal as the peer port's other errors are (spec/sync.md): C2SP clients read only the status. */
  static AddCheckpointAnswer refused(int status, String reason) {
    return new AddCheckpointAnswer(status, "application/problem+json", new JsonObject()
        .put("type", "urn:hashfed:problem:peer").put("status", status).put("detail", reason).encode());
  }
}
