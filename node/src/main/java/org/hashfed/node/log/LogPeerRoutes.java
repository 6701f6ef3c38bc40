package org.hashfed.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.SignedNote;

/**
 * The log's routes on the peer port (spec/sync.md section 3.6): peers, authenticated by their
 * roster-pinned certificates, read this node's checkpoint and consistency proofs and hand back
 * their cosignatures. A cosignature counts only under the witness name of the member that sends it.
 * Peers also push their checkpoints to this node's witness with C2SP tlog-witness
 * {@code add-checkpoint} under {@link #WITNESS_PREFIX} (spec/log.md section 6.1).
 */
final class LogPeerRoutes {

  static final String CHECKPOINT = "/peer/v1/log/checkpoint";
  static final String CONSISTENCY = "/peer/v1/log/proof/consistency";
  static final String COSIGNATURES = "/peer/v1/log/cosignatures";
  /** The C2SP tlog-witness submission prefix of this node's witness on the peer port. */
  public static final String WITNESS_PREFIX = "/peer/v1/witness";
  static final String ADD_CHECKPOINT = WITNESS_PREFIX + "/add-checkpoint";
  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private final NodeLog log;
  private final WorkerExecutor worker;
  private final Function<RoutingContext, MemberId> caller;

  LogPeerRoutes(NodeLog log, WorkerExecutor worker, Function<RoutingContext, MemberId> caller) {
    this.log = log;
    this.worker = worker;
    this.caller = caller;
  }

  void mount(Router router) {
    router.get(CHECKPOINT).handler(this::checkpoint);
    router.get(CONSISTENCY).handler(this::consistency);
    router.post(COSIGNATURES).handler(BodyHandler.create(false).setBodyLimit(MAX_NOTE_BYTES)).handler(this::cosignature);
    router.post(ADD_CHECKPOINT).handler(BodyHandler.create(false).setBodyLimit(AddCheckpointRequest.MAX_BYTES))
        .handler(this::addCheckpoint);
    router.get(WITNESS_PREFIX + "/:originHash/checkpoint").handler(this::witnessedCheckpoint);
  }

  private void checkpoint(RoutingContext ctx) {
    blocking(ctx, "text/plain; charset=utf-8", () -> Buffer.buffer(log.checkpoints().latest()
        .orElseGet(log.checkpoints()::signLatest).note().encodeBytes()));
  }

  private void consistency(RoutingContext ctx) {
    long size = log.provenance().size();
    long from;
    long to;
    try {
      to = ctx.queryParams().contains("to") ? Long.parseLong(ctx.queryParams().get("to")) : size;
      from = Long.parseLong(String.valueOf(ctx.queryParams().get("from")));
    } catch (NumberFormatException e) {
      error(ctx, 400, "expected " + CONSISTENCY + "?from={size}&to={size}: " + e.getMessage());
      return;
    }
    if (from < 0 || from > to || to > size) {
      error(ctx, 400, "from " + from + " and to " + to + ": expected 0 <= from <= to <= " + size + " (the log's size)");
      return;
    }
    blocking(ctx, "application/json", () -> {
      JsonArray proof = new JsonArray();
      for (Hash32 h : log.provenance().consistencyProof(from, to)) {
        proof.add(h.toHex());
      }
      return new JsonObject().put("from", from).put("to", to).put("proof", proof).toBuffer();
    });
  }

  private void cosignature(RoutingContext ctx) {
    MemberId member = caller.apply(ctx);
    SignedNote note;
    CosignatureVerifier witness;
    try {
      // The hardened mapper: a peer must not smuggle a second "note" past a lenient parser.
      JsonNode body = ctx.body() == null || ctx.body().buffer() == null ? null
          : Json.readTree(ctx.body().buffer().getBytes());
      if (body == null || !body.path("note").isTextual() || !body.path("witness_key").isTextual()) {
        error(ctx, 400, "expected {\"note\": signed checkpoint note, \"witness_key\": <name>+<key id>+<base64>}");
        return;
      }
      note = SignedNote.parse(body.get("note").asText());
      witness = CosignatureVerifier.parse(body.get("witness_key").asText());
    } catch (LogFormatException | IOException | RuntimeException e) {
      error(ctx, 400, "invalid cosignature message: " + e.getMessage());
      return;
    }
    String expected = log.witnessName(member);
    if (!witness.name().equals(expected)) {
      error(ctx, 403, "witness name " + witness.name() + " is not member " + member + "'s witness name " + expected);
      return;
    }
    if (log.isLogKey(rawKey(witness))) {
      error(ctx, 422, "witness key " + witness.verifierKey() + " is a member's log key: a witness key must differ");
      return;
    }
    worker.executeBlocking(() -> log.checkpoints().addCosignature(note, witness), false).onComplete(ar -> {
      if (ar.failed()) {
        int status = ar.cause() instanceof LogVerificationException ? 409 : 500;
        error(ctx, status, "cosignature refused: " + ar.cause().getMessage());
      } else {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("note", ar.result().encode()).toBuffer());
      }
    });
  }

  private void addCheckpoint(RoutingContext ctx) {
    AddCheckpointRequest request;
    try {
      byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      request = AddCheckpointRequest.parse(body);
    } catch (LogFormatException e) {
      error(ctx, 400, "invalid add-checkpoint request: " + e.getMessage());
      return;
    }
    worker.executeBlocking(() -> log.witness().addCheckpoint(request), false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx, 500, "add-checkpoint failed: " + ar.cause().getMessage());
      } else {
        AddCheckpointAnswer answer = ar.result();
        log.countAddCheckpoint(answer.status());
        ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType()).end(answer.body());
      }
    });
  }

  /** C2SP tlog-witness monitoring: the checkpoint last cosigned for the log whose origin hashes to the path's. */
  private void witnessedCheckpoint(RoutingContext ctx) {
    String hash = ctx.pathParam("originHash");
    if (!hash.matches("[0-9a-f]{64}")) {
      error(ctx, 400, "origin hash \"" + (hash.length() > 80 ? hash.substring(0, 80) + "..." : hash)
          + "\" (expected: 64 lowercase hex digits, the SHA-256 of the log's origin)");
      return;
    }
    worker.executeBlocking(() -> log.witness().witnessedByOriginHash(hash), false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx, 500, "reading the witnessed checkpoint failed: " + ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        error(ctx, 404, "this witness never cosigned a checkpoint of the log with origin hash " + hash);
      } else {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end(ar.result().get().encode());
      }
    });
  }

  private static byte[] rawKey(CosignatureVerifier witness) {
    // <name>+<key id>+<base64>: names hold no '+', base64 may.
    String key = witness.verifierKey();
    int keyStart = key.indexOf('+', key.indexOf('+') + 1) + 1;
    byte[] typed = Base64.getDecoder().decode(key.substring(keyStart));
    byte[] raw = new byte[typed.length - 1];
    System.arraycopy(typed, 1, raw, 0, raw.length);
    return raw;
  }

  private void blocking(RoutingContext ctx, String contentType, Callable<Buffer> work) {
    worker.executeBlocking(work, false).onComplete(ar -> {
      if (ar.failed()) {
        error(ctx, ar.cause() instanceof IllegalArgumentException ? 400 : 500, String.valueOf(ar.cause().getMessage()));
      } else {
        ctx.response().setStatusCode(200).putHeader("Content-Type", contentType).end(ar.result());
      }
    });
  }

  private static void error(RoutingContext ctx, int status, String detail) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", "urn:hashfed:problem:peer").put("status", status).put("detail", detail)
            .toBuffer());
  }
}
