package org.hashfed.node.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.trust.Judgement;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqContent;

/**
 * Writes the body of a match response ({@code {"results": [...], "truncated": b}}) straight into a
 * {@link Buffer} with Jackson's streaming generator. It is the same document as
 * {@link MatchRoutes#response} of {@link Views#match} (a test holds them equal), without the
 * tree of maps and lists per match that the hot path would build only to encode it.
 */
final class MatchJson {

  /** A match with its judgement, as the catalog search hands it over; encoded later, in one pass. */
  record Scored(CatalogMatch match, Judgement judgement) {}

  private static final JsonFactory FACTORY = new JsonFactory();

  private MatchJson() {}

  /** The response body of {@code matched}. */
  static Buffer response(List<SignalMatches<Scored>> matched) {
    Buffer out = Buffer.buffer(256 + 512 * matched.size());
    try (JsonGenerator g = FACTORY.createGenerator(new BufferOutput(out))) {
      boolean truncated = false;
      g.writeStartObject();
      g.writeArrayFieldStart("results");
      for (SignalMatches<Scored> m : matched) {
        g.writeStartObject();
        g.writeFieldName("signal");
        signal(g, m.signal());
        g.writeArrayFieldStart("matches");
        for (Scored s : m.matches()) {
          match(g, s.match(), s.judgement());
        }
        g.writeEndArray();
        g.writeBooleanField("truncated", m.truncated());
        g.writeEndObject();
        truncated |= m.truncated();
      }
      g.writeEndArray();
      g.writeBooleanField("truncated", truncated);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out;
  }

  private static void match(JsonGenerator g, CatalogMatch m, Judgement j) throws IOException {
    Listing l = m.listing();
    g.writeStartObject();
    g.writeStringField("entry_id", l.entryId().hex());
    g.writeStringField("member", l.member().value());
    g.writeFieldName("signal");
    signal(g, l.signal());
    g.writeNumberField("distance", m.distance());
    g.writeArrayFieldStart("labels");
    for (Label label : l.labels()) {
      g.writeString(label.value());
    }
    g.writeEndArray();
    g.writeStringField("trust", j.trust().wireName());
    g.writeNumberField("confidence", j.confidence());
    g.writeNumberField("agreements", j.agreements());
    g.writeNumberField("disputes", j.disputes());
    if (m.video().isPresent()) {
      g.writeFieldName("video");
      // rare and already a small tree: its one encoder stays the source of truth
      g.writeRawValue(Views.video(m.video().get()).encode());
    }
    if (l.incident().isPresent()) {
      g.writeStringField("incident", l.incident().get());
    }
    g.writeStringField("submitted_at", EntryTime.format(l.submittedAt()));
    if (l.expiresAt().isPresent()) {
      g.writeStringField("expires_at", EntryTime.format(l.expiresAt().get()));
    }
    g.writeEndObject();
  }

  private static void signal(JsonGenerator g, Signal s) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", s.type().wireName());
    g.writeStringField("value", s.value());
    if (s.quality().isPresent()) {
      g.writeNumberField("quality", s.quality().getAsInt());
    }
    if (s.video().isPresent()) {
      VideoHashes v = s.video().get();
      g.writeNumberField("frames", v.frames().size());
      if (v.content().isPresent()) {
        VpdqContent c = v.content().get();
        g.writeObjectFieldStart("content");
        g.writeNumberField("x", c.x());
        g.writeNumberField("y", c.y());
        g.writeNumberField("width", c.width());
        g.writeNumberField("height", c.height());
        g.writeEndObject();
      }
      if (v.centre().isPresent()) {
        g.writeBooleanField("centre", true);
      }
    }
    g.writeEndObject();
  }

  /** Appends to a buffer; Jackson hands over its own buffer in large chunks, so this adds no copy of note. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer out;

    BufferOutput(Buffer out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.appendBytes(b, off, len);
    }
  }
}
