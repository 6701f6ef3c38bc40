package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.hashfed.node.log.LoggedDocument;
import org.hashfed.node.log.NodeLog;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.node.log.SplitView;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.signal.Signal;

/** The provenance log for auditors and witnesses: checkpoint, leaves, proofs, roster history, split views. */
final class LogRoutes {

  /** Most leaves in one page of {@code GET /v1/log/entries}. */
  static final int MAX_PAGE = 1000;

  private final Supplier<NodeLog> log;
  private final WorkerExecutor worker;

  LogRoutes(Supplier<NodeLog> log, WorkerExecutor worker) {
    this.log = log;
    this.worker = worker;
  }

  /** {@code GET /v1/log/checkpoint}: the latest signed checkpoint note with its cosignatures, as text. */
  void checkpoint(RoutingContext ctx) {
    NodeLog l = ready();
    worker.executeBlocking(() -> l.checkpoints().latest().orElseGet(l.checkpoints()::signLatest).encode(), false)
        .onSuccess(note -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(note))
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/log/key}: the log's and the witness's verifier keys and the log's origin. */
  void key(RoutingContext ctx) {
    NodeLog l = ready();
    Responses.json(ctx, 200, new JsonObject()
        .put("origin", l.checkpoints().origin())
        .put("log_key", l.checkpoints().logKey())
        .put("witness_key", l.witness().witnessKey()));
  }

  /** {@code GET /v1/log/entries?start=&end=}: leaves {@code [start, end)}, at most {@link #MAX_PAGE}. */
  void entries(RoutingContext ctx) {
    ProvenanceLog p = ready().provenance();
    long size = p.size();
    long start = longParam(ctx, "start", 0, size);
    long end = ctx.queryParams().contains("end") ? longParam(ctx, "end", start, size) : Math.min(size, start + MAX_PAGE);
    if (end - start > MAX_PAGE) {
      throw Problem.invalid("invalid-range", "at most " + MAX_PAGE + " leaves per page (asked for " + (end - start) + ")",
          start + ".." + end);
    }
    blocking(ctx, () -> {
      JsonArray leaves = new JsonArray();
      for (long i = start; i < end; i++) {
        leaves.add(leafJson(i, p.leaf(i)));
      }
      return new JsonObject().put("tree_size", size).put("start", start).put("end", end).put("entries", leaves);
    });
  }

  /** {@code GET /v1/log/proof/inclusion?index=|entry_id=&size=}. */
  void inclusion(RoutingContext ctx) {
    ProvenanceLog p = ready().provenance();
    long size = ctx.queryParams().contains("size") ? longParam(ctx, "size", 1, p.size()) : p.size();
    String entryId = ctx.queryParams().get("entry_id");
    blocking(ctx, () -> {
      long index;
      if (entryId != null) {
        EntryId id = Requests.entryId(entryId);
        index = p.indexOf(id).filter(i -> i < size).orElseThrow(() -> Problem.of(404, "entry-not-found",
            "Entry not found", "entry " + id + " is not in the log at tree size " + size));
      } else {
        index = longParam(ctx, "index", 0, size - 1);
      }
      return new JsonObject().put("index", index).put("tree_size", size)
          .put("leaf_hash", p.leafHash(index).toHex()).put("proof", hexes(p.inclusionProof(index, size)));
    });
  }

  /** {@code GET /v1/log/proof/consistency?from=&to=}. */
  void consistency(RoutingContext ctx) {
    ProvenanceLog p = ready().provenance();
    long to = ctx.queryParams().contains("to") ? longParam(ctx, "to", 0, p.size()) : p.size();
    long from = longParam(ctx, "from", 0, to);
    blocking(ctx, () -> new JsonObject().put("from", from).put("to", to)
        .put("proof", hexes(p.consistencyProof(from, to))));
  }

  /** {@code GET /v1/log/roster}: the roster versions, oldest first, as envelopes. */
  void roster(RoutingContext ctx) {
    JsonArray versions = new JsonArray();
    for (Envelope e : ready().rosterHistory()) {
      versions.add(new JsonObject(io.vertx.core.buffer.Buffer.buffer(e.toJson())));
    }
    Responses.json(ctx, 200, new JsonObject().put("versions", versions));
  }

  /** {@code GET /v1/log/provenance?type=&value=}: every logged entry about one signal. */
  void provenance(RoutingContext ctx) {
    NodeLog l = ready();
    Requests.SignalKey signal = Requests.signalKey(ctx.queryParams().get("type"), ctx.queryParams().get("value"));
    blocking(ctx, () -> {
      JsonArray out = new JsonArray();
      for (LoggedDocument d : l.aboutSignal(signal.type(), signal.value())) {
        out.add(leafJson(d.index(), d.envelope()));
      }
      return new JsonObject().put("tree_size", l.provenance().size()).put("entries", out);
    });
  }

  /** {@code GET /v1/log/evidence}: split views this node saw as a witness. */
  void evidence(RoutingContext ctx) {
    NodeLog l = ready();
    blocking(ctx, () -> {
      JsonArray out = new JsonArray();
      for (SplitView s : l.witness().splitViews()) {
        out.add(new JsonObject(s.toJsonNode().toString()));
      }
      return new JsonObject().put("split_views", out);
    });
  }

  private NodeLog ready() {
    NodeLog l = log.get();
    if (l == null) {
      throw Problem.of(503, "not-ready", "Not ready", "the node is still rebuilding its indexes");
    }
    return l;
  }

  private void blocking(RoutingContext ctx, Callable<JsonObject> action) {
    worker.executeBlocking(action, false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private static JsonObject leafJson(long index, byte[] envelope) {
    return new JsonObject().put("index", index).put("envelope", Base64.getEncoder().encodeToString(envelope));
  }

  private static JsonArray hexes(List<Hash32> hashes) {
    JsonArray out = new JsonArray();
    hashes.forEach(h -> out.add(h.toHex()));
    return out;
  }

  private static long longParam(RoutingContext ctx, String name, long min, long max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      throw Problem.invalid("invalid-" + name.replace('_', '-'), "query parameter " + name + " is required (expected: "
          + min + ".." + max + ")", null);
    }
    long v;
    try {
      v = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      v = Long.MIN_VALUE;
    }
    if (v < min || v > max || !raw.matches("[0-9]{1,19}")) {
      throw Problem.invalid("invalid-" + name.replace('_', '-'), "query parameter " + name + " \"" + raw
          + "\" is out of range (expected: a decimal number " + min + ".." + max + ")", raw);
    }
    return v;
  }
}
