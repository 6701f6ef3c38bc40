package org.hashfed.protocol.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.json.Json;

/**
 * A self-contained copy of a log for offline audit (spec/audit.md): one JSON object with the
 * format tag, the checkpoint note, the roster versions and every leaf in log order (base64).
 */
public final class AuditBundle implements LogSource {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "hashfed-audit-bundle/v1";

  private final String checkpoint;
  private final List<Envelope> roster;
  private final List<byte[]> leaves;

  private AuditBundle(String checkpoint, List<Envelope> roster, List<byte[]> leaves) {
    this.checkpoint = checkpoint;
    this.roster = List.copyOf(roster);
    this.leaves = leaves;
  }

  /**
   * Copies the checkpoint, roster and every leaf the checkpoint covers from {@code source} into
   * {@code out}, streaming the leaves.
   *
   * @throws IOException when the source or the file fails, or the source serves fewer leaves than the checkpoint's size
   */
  public static long export(LogSource source, long size, String checkpoint, OutputStream out,
      AuditVerifier.Progress progress) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("checkpoint", checkpoint);
      g.writeArrayFieldStart("roster");
      for (Envelope e : source.rosterHistory()) {
        g.writeRawValue(new String(e.toJson(), StandardCharsets.UTF_8));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("entries");
      long done = 0;
      while (done < size) {
        List<byte[]> page = source.leaves(done, Math.min(size, done + AuditVerifier.PAGE));
        if (page.isEmpty()) {
          throw new IOException("the source served " + done + " leaves, fewer than the checkpoint's " + size);
        }
        for (byte[] leaf : page) {
          g.writeString(Base64.getEncoder().encodeToString(leaf));
        }
        done += page.size();
        if (progress != null) {
          progress.update(done, size);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      return done;
    }
  }

  /**
   * Reads a bundle file.
   *
   * @throws IOException naming the file and the problem when it is not a bundle
   */
  public static AuditBundle read(Path file) throws IOException {
    JsonNode n;
    try {
      n = Json.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException("cannot read audit bundle " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(n.path("format").asText()) || !n.path("checkpoint").isTextual()
        || !n.path("roster").isArray() || !n.path("entries").isArray()) {
      throw new IOException("file " + file + " is not an audit bundle: expected {\"format\": \"" + FORMAT
          + "\", \"checkpoint\": text, \"roster\": [envelopes], \"entries\": [base64]}");
    }
    List<Envelope> roster = new ArrayList<>();
    for (JsonNode e : n.path("roster")) {
      try {
        roster.add(Envelope.parse(Json.write(e)));
      } catch (EnvelopeFormatException ex) {
        throw new IOException("audit bundle " + file + ": roster version " + (roster.size() + 1) + " is not an envelope: "
            + ex.getMessage(), ex);
      }
    }
    List<byte[]> leaves = new ArrayList<>();
    for (JsonNode e : n.path("entries")) {
      // asText() would turn null into the valid base64 "null" and an object into an empty leaf
      if (!e.isTextual()) {
        throw new IOException("audit bundle " + file + ": entry " + leaves.size() + " is a JSON "
            + e.getNodeType().toString().toLowerCase(Locale.ROOT) + " (expected: a base64 string)");
      }
      try {
        leaves.add(Base64.getDecoder().decode(e.asText()));
      } catch (IllegalArgumentException ex) {
        throw new IOException("audit bundle " + file + ": entry " + leaves.size() + " is not base64", ex);
      }
    }
    return new AuditBundle(n.path("checkpoint").asText(), roster, leaves);
  }

  @Override
  public String checkpoint() {
    return checkpoint;
  }

  @Override
  public List<byte[]> leaves(long start, long end) {
    if (start >= leaves.size()) {
      return List.of();
    }
    return leaves.subList((int) start, (int) Math.min(end, leaves.size()));
  }

  @Override
  public List<Envelope> rosterHistory() {
    return roster;
  }
}
