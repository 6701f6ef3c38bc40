package org.hashfed.protocol.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

  // One roster version out of the bundle's stream: what follows it in the file is not trailing data.
  private static final ObjectReader ROSTER_READER =
      Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
   * Reads a bundle file, streaming: the leaves are decoded as they are read, never held as a JSON
   * tree of the whole file (a tree of a million leaves costs more to build than their signatures
   * cost to check). The strict protocol parser refuses duplicate keys and trailing data.
   *
   * @throws IOException naming the file and the problem when it is not a bundle
   */
  public static AuditBundle read(Path file) throws IOException {
    String format = null;
    String checkpoint = null;
    List<Envelope> roster = null;
    List<byte[]> leaves = null;
    try (InputStream in = Files.newInputStream(file); JsonParser p = Json.mapper().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notABundle(file);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "format" -> format = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "checkpoint" -> checkpoint = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "roster" -> roster = value == JsonToken.START_ARRAY ? roster(file, p) : null;
          case "entries" -> leaves = value == JsonToken.START_ARRAY ? leaves(file, p) : null;
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("cannot read audit bundle " + file + ": trailing data after the bundle object");
      }
    } catch (JsonProcessingException e) {
      throw new IOException("cannot read audit bundle " + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
        throw e;
      }
      throw new IOException("cannot read audit bundle " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(format) || checkpoint == null || roster == null || leaves == null) {
      throw notABundle(file);
    }
    return new AuditBundle(checkpoint, roster, leaves);
  }

  private static IOException notABundle(Path file) {
    return new IOException("file " + file + " is not an audit bundle: expected {\"format\": \"" + FORMAT
        + "\", \"checkpoint\": text, \"roster\": [envelopes], \"entries\": [base64]}");
  }

  private static List<Envelope> roster(Path file, JsonParser p) throws IOException {
    List<Envelope> roster = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonNode e = ROSTER_READER.readTree(p);
      try {
        roster.add(Envelope.parse(Json.write(e)));
      } catch (EnvelopeFormatException ex) {
        throw new IOException("audit bundle " + file + ": roster version " + (roster.size() + 1) + " is not an envelope: "
            + ex.getMessage(), ex);
      }
    }
    return roster;
  }

  private static List<byte[]> leaves(Path file, JsonParser p) throws IOException {
    List<byte[]> leaves = new ArrayList<>();
    Base64.Decoder base64 = Base64.getDecoder();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      // a null or an object is not a leaf, though a lenient reading would make it "null" or empty
      if (t != JsonToken.VALUE_STRING) {
        throw new IOException("audit bundle " + file + ": entry " + leaves.size() + " is a JSON "
            + kind(t) + " (expected: a base64 string)");
      }
      try {
        leaves.add(base64.decode(p.getText()));
      } catch (IllegalArgumentException ex) {
        throw new IOException("audit bundle " + file + ": entry " + leaves.size() + " is not base64", ex);
      }
    }
    return leaves;
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_NULL -> "null";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> "number";
    };
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
