package org.hashfed.protocol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Hash32;

/**
 * What an auditor remembers of a log between runs: the origin, size and root of the last checkpoint
 * it verified, so the next run can check that the log only grew.
 */
public final class AuditState {

  private final String origin;
  private final long size;
  private final Hash32 root;

  private AuditState(String origin, long size, Hash32 root) {
    this.origin = origin;
    this.size = size;
    this.root = root;
  }

  /** The state after verifying {@code checkpoint}. */
  public static AuditState of(Checkpoint checkpoint) {
    return new AuditState(checkpoint.origin(), checkpoint.size(), checkpoint.root());
  }

  /**
   * Reads a state file {@code {"origin","size","root"}} (root in hex).
   *
   * @throws IOException when the file cannot be read or is not a state file, naming the problem
   */
  public static AuditState read(Path file) throws IOException {
    JsonNode n;
    try {
      n = Json.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException("cannot read audit state file " + file + ": " + e.getMessage(), e);
    }
    JsonNode origin = n.path("origin");
    JsonNode size = n.path("size");
    JsonNode root = n.path("root");
    if (!origin.isTextual() || !size.canConvertToLong() || size.asLong() < 0 || !root.isTextual()) {
      throw new IOException("audit state file " + file
          + " is malformed: expected {\"origin\": text, \"size\": number >= 0, \"root\": 64 hex digits}");
    }
    try {
      return new AuditState(origin.asText(), size.asLong(), Hash32.fromHex(root.asText()));
    } catch (IllegalArgumentException e) {
      throw new IOException("audit state file " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Writes the state atomically (a temporary file renamed over the old one). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, Json.write(Json.mapper().createObjectNode()
        .put("origin", origin).put("size", size).put("root", root.toHex())));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The log's origin. */
  public String origin() {
    return origin;
  }

  /** The tree size verified. */
  public long size() {
    return size;
  }

  /** The root verified at that size. */
  public Hash32 root() {
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditState s && origin.equals(s.origin) && size == s.size && root.equals(s.root);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, root);
  }

  @Override
  public String toString() {
    return "AuditState[" + origin + ", size " + size + ", root " + root.toHex() + "]";
  }
}
