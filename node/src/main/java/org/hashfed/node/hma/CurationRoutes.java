package org.hashfed.node.hma;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashfed.node.api.PlatformOperations;
import org.hashfed.node.entries.EntryRecord;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;

/**
 * HMA's read-only curation routes: {@code GET /c/banks}, {@code /c/bank/<bank>} and
 * {@code /c/bank/<bank>/content/<id>}. Banks are members this node's trust admits; their
 * matching ratio is always 1.0.
 */
final class CurationRoutes {

  private final PlatformOperations ops;

  CurationRoutes(PlatformOperations ops) {
    this.ops = ops;
  }

  /** {@code GET /c/banks}: every admitted member with stored entries, as HMA bank configs. */
  void banks(RoutingContext ctx) {
    MatchFilter filter = ops.filter(ctx.request().params());
    JsonArray out = new JsonArray();
    for (MemberId m : ops.members()) {
      if (ops.admits(m, List.of(), filter)) {
        out.add(bank(m));
      }
    }
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(out.toBuffer());
  }

  /** {@code GET /c/bank/<bank>}. */
  void bank(RoutingContext ctx) {
    Replies.json(ctx, 200, bank(member(ctx)));
  }

  /** {@code GET /c/bank/<bank>/content/<id>[?include_signals=][&include_metadata=]}. */
  void content(RoutingContext ctx) {
    MemberId member = member(ctx);
    String raw = ctx.pathParam("content_id");
    long id = contentId(raw);
    boolean signals = "true".equalsIgnoreCase(ctx.request().getParam("include_signals"));
    boolean metadata = !"false".equalsIgnoreCase(ctx.request().getParam("include_metadata"));
    MatchFilter filter = ops.filter(ctx.request().params());
    // the id is the first 53 bits of the entry id: its first 48 are a prefix to scan for
    byte[] prefix = ByteBuffer.allocate(Long.BYTES).putLong(id >>> 5).array();
    ops.entriesWithIdPrefix(Arrays.copyOfRange(prefix, 2, 8)).map(records -> {
      for (EntryRecord r : records) {
        if (Banks.contentId(r.id()) == id && r.entry().member().equals(member)
            && r.entry().body() instanceof Submit s) {
          List<Label> labels = r.labels().orElse(s.labels());
          if (ops.admits(member, labels, filter)) {
            return content(id, member, r, s, labels, signals, metadata);
          }
        }
      }
      throw new HmaException(404, "content '" + raw + "' not found");
    }).onSuccess(body -> Replies.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private static JsonObject content(long id, MemberId member, EntryRecord r, Submit s, List<Label> labels,
      boolean withSignals, boolean withMetadata) {
    JsonObject o = new JsonObject()
        .put("id", id)
        // HMA's BankContentConfig: 1 is enabled, 0 disabled
        .put("disable_until_ts", r.status() == EntryRecord.Status.ACTIVE ? 1 : 0)
        .put("original_media_uri", null)
        .put("bank", bank(member));
    if (withSignals) {
      Signal signal = s.signal();
      o.put("signals", new JsonObject().put(HmaSignalTypes.hmaName(signal.type()), signal.video()
          .map(v -> VpdqSignalFormat.write(v.frames()))
          .orElse(signal.value())));
    }
    if (withMetadata) {
      JsonArray names = new JsonArray();
      labels.forEach(l -> names.add(l.value()));
      JsonObject json = new JsonObject()
          .put("entry_id", r.id().hex())
          .put("labels", names)
          .put("submitted_at", EntryTime.format(r.entry().time()))
          .put("status", r.status().name().toLowerCase(Locale.ROOT));
      s.incident().ifPresent(i -> json.put("incident", i));
      o.put("metadata", new JsonObject().put("content_id", r.id().hex()).put("json", json));
    }
    return o;
  }

  private MemberId member(RoutingContext ctx) {
    String name = ctx.pathParam("bank_name");
    Optional<MemberId> m = Banks.member(name);
    if (m.isEmpty() || !ops.members().contains(m.get())
        || !ops.admits(m.get(), List.of(), ops.filter(ctx.request().params()))) {
      throw new HmaException(404, "bank '" + name + "' not found");
    }
    return m.get();
  }

  private static long contentId(String raw) {
    if (raw == null || !raw.matches("[0-9]{1,16}")) {
      throw new HmaException(404, "content '" + raw + "' not found");
    }
    long id = Long.parseLong(raw);
    if (id >= (1L << 53)) {
      throw new HmaException(404, "content '" + raw + "' not found");
    }
    return id;
  }

  private static JsonObject bank(MemberId m) {
    return new JsonObject().put("name", Banks.bankName(m)).put("matching_enabled_ratio", 1.0);
  }
}
