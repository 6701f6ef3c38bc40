package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.sync.SyncEngine;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.SignedRoster;

/** Admin endpoints of federation: peers, equivocation evidence, held members and the roster. */
final class FederationRoutes {

  private final SyncEngine sync;
  private final WorkerExecutor worker;
  private final java.util.function.Supplier<org.hashfed.node.log.NodeLog> log;

  FederationRoutes(SyncEngine sync, WorkerExecutor worker, java.util.function.Supplier<org.hashfed.node.log.NodeLog> log) {
    this.sync = sync;
    this.worker = worker;
    this.log = log;
  }

  /** {@code GET /v1/admin/peers}: each peer's score, backoff, counters, lag and last contact. */
  void peers(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (SyncEngine.PeerView p : sync.peers()) {
      out.add(new JsonObject().put("member", p.member()).put("active", p.active()).put("blocked", p.blocked())
          .put("score", p.score())
          .put("failures", p.failures())
          .put("retry_at", p.retryAtMillis() == 0 ? null : Instant.ofEpochMilli(p.retryAtMillis()).toString())
          .put("entries_received", p.entriesReceived()).put("entries_sent", p.entriesSent())
          .put("rejects", p.rejects()).put("lag", p.lag())
          .put("last_contact", p.lastContactMillis() == 0 ? null : Instant.ofEpochMilli(p.lastContactMillis()).toString()));
    }
    Responses.json(ctx, 200, new JsonObject().put("peers", out));
  }

  /** {@code POST /v1/admin/peers/{member}/block} or {@code .../unblock}: stop or resume all exchange with a peer. */
  void block(RoutingContext ctx) {
    boolean blocked = ctx.request().path().endsWith("/block");
    try {
      sync.block(MemberId.parse(ctx.pathParam("member")), blocked);
    } catch (IllegalArgumentException e) {
      throw Problem.of(404, "unknown-peer", "Unknown peer", e.getMessage());
    }
    Responses.json(ctx, 200, new JsonObject().put("member", ctx.pathParam("member")).put("blocked", blocked));
  }

  /**
   * {@code GET /v1/admin/evidence}: every equivocation with both envelopes, the held members, and
   * the split views this node saw as a witness of its peers' logs.
   */
  void evidence(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (Map.Entry<String, EquivocationEvidence> e : sync.evidence().entrySet()) {
      EquivocationEvidence ev = e.getValue();
      out.add(new JsonObject().put("member", ev.member().value()).put("seq", ev.seq())
          .put("first_id", ev.first().id().hex()).put("second_id", ev.second().id().hex())
          .put("held", sync.isHeld(ev.member()))
          .put("evidence", new JsonObject(new String(ev.toJson(), java.nio.charset.StandardCharsets.UTF_8))));
    }
    JsonArray held = new JsonArray();
    sync.heldMembers().forEach(m -> held.add(m.value()));
    org.hashfed.node.log.NodeLog l = log.get();
    worker.executeBlocking(() -> {
      JsonArray splitViews = new JsonArray();
      if (l != null) {
        l.witness().splitViews().forEach(v -> splitViews.add(new JsonObject(v.toJsonNode().toString())));
      }
      return splitViews;
    }, false).onSuccess(splitViews -> Responses.json(ctx, 200, new JsonObject().put("equivocations", out)
        .put("held_members", held).put("split_views", splitViews))).onFailure(ctx::fail);
  }

  /** {@code POST /v1/admin/evidence/{member}/release}: accept the member's new entries again. */
  void release(RoutingContext ctx) {
    MemberId member;
    try {
      member = MemberId.parse(ctx.pathParam("member"));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-member", e.getMessage(), ctx.pathParam("member"));
    }
    worker.executeBlocking(() -> sync.release(member), false).onSuccess(released -> {
      if (released) {
        Responses.json(ctx, 200, new JsonObject().put("member", member.value()).put("held", false));
      } else {
        ctx.fail(Problem.of(404, "not-held", "Not held", "member " + member + " is not held on this node"));
      }
    }).onFailure(ctx::fail);
  }

  /** {@code GET /v1/admin/roster}: the current version and its members. */
  void roster(RoutingContext ctx) {
    SignedRoster current = sync.roster().current();
    JsonArray members = new JsonArray();
    for (MemberRecord m : current.roster().members()) {
      members.add(new JsonObject().put("id", m.id().value()).put("name", m.name()).put("status", m.status().wireName())
          .put("peer_url", m.peerUrl().toString()).put("tls_fingerprint", m.tlsFingerprint().hex()));
    }
    Responses.json(ctx, 200, new JsonObject().put("consortium", current.roster().consortium())
        .put("version", current.roster().version()).put("digest", current.digest())
        .put("versions_held", sync.roster().all().size()).put("members", members));
  }

  /**
   * {@code POST /v1/admin/roster} with a roster envelope: adopted when it is the next version and
   * carries a quorum of the current version's signatures, then gossiped to every peer.
   */
  void adoptRoster(RoutingContext ctx) {
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    JsonBodies.requireJsonMediaType(ctx);
    Envelope envelope;
    try {
      envelope = Envelope.parse(body);
    } catch (EnvelopeFormatException e) {
      throw Problem.invalid("invalid-roster", "the body is not a roster envelope: " + e.getMessage(), "");
    }
    worker.executeBlocking(() -> sync.adoptRoster(envelope), false).onComplete(ar -> {
      if (ar.failed()) {
        Throwable t = ar.cause();
        ctx.fail(t instanceof RosterVerificationException
            ? Problem.of(422, "roster-refused", "Roster refused", t.getMessage()) : t);
        return;
      }
      RosterBook.Adoption a = ar.result();
      if (a == RosterBook.Adoption.AHEAD) {
        ctx.fail(Problem.of(409, "roster-ahead", "Roster ahead", "the envelope is more than one version after "
            + "the current version " + sync.roster().current().roster().version() + ": adopt the versions between first"));
        return;
      }
      Responses.json(ctx, 200, new JsonObject().put("result", a.name().toLowerCase(java.util.Locale.ROOT))
          .put("version", sync.roster().current().roster().version()));
    });
  }
}
