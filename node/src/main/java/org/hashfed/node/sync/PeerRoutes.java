package org.hashfed.node.sync;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.peer.PeerException;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreFullException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.SignedRoster;

/** The peer protocol's server side (spec/sync.md section 3): who is asking, limits, then each route. */
final class PeerRoutes {

  private static final Logger LOG = Logger.getLogger(PeerRoutes.class.getName());
  private static final String PEER = "hashfed.peer";
  /** How long a sender waits before pushing to a node whose disk is full (the platform API says the same). */
  static final String STORE_FULL_RETRY_AFTER_SECONDS = "10";

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor worker;
  private final SyncOptions options;
  private final Store store;
  private final RosterBook book;
  private final Peers peers;
  private final Intake intake;
  private final EvidenceBook evidence;
  private final AntiEntropy antiEntropy;
  private final Supplier<Ledger> ledger;
  private final MemberId self;
  private final SyncEngine engine;

  PeerRoutes(Vertx vertx, Context context, WorkerExecutor worker, SyncOptions options, Store store, RosterBook book,
      Peers peers, Intake intake, EvidenceBook evidence, AntiEntropy antiEntropy, Supplier<Ledger> ledger,
      MemberId self, SyncEngine engine) {
    this.vertx = vertx;
    this.context = context;
    this.worker = worker;
    this.options = options;
    this.store = store;
    this.book = book;
    this.peers = peers;
    this.intake = intake;
    this.evidence = evidence;
    this.antiEntropy = antiEntropy;
    this.ledger = ledger;
    this.self = self;
    this.engine = engine;
  }

  Router build(List<java.util.function.Consumer<Router>> extensions, List<java.util.function.Consumer<Router>> first) {
    Router router = Router.router(vertx);
    // Routes that authenticate their callers otherwise than as roster members (read followers)
    first.forEach(e -> e.accept(router));
    router.route().handler(this::authenticate);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
    router.post("/peer/v1/entries").handler(body).handler(this::entries);
    router.post("/peer/v1/heads").handler(body).handler(this::heads);
    router.get("/peer/v1/feeds/:member").handler(this::feed);
    router.get("/peer/v1/evidence/:member/:seq").handler(this::getEvidence);
    router.post("/peer/v1/evidence").handler(body).handler(this::postEvidence);
    router.get("/peer/v1/roster").handler(this::getRoster);
    router.post("/peer/v1/roster").handler(body).handler(this::postRoster);
    router.get(LinkKeeper.PING_PATH).handler(ctx -> ctx.response().setStatusCode(204).end());
    extensions.forEach(e -> e.accept(router));
    router.route().failureHandler(this::failure);
    router.errorHandler(404, ctx -> error(ctx, 404, "no such peer endpoint: " + ctx.request().path()));
    router.errorHandler(405, ctx -> error(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    return router;
  }

  private void authenticate(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") != null) {
      error(ctx, 400, "the peer port does not accept API keys: peers authenticate with their roster-pinned certificate");
      return;
    }
    Optional<MemberRecord> m = PeerServer.clientFingerprint(ctx.request())
        .flatMap(fp -> book.current().roster().memberByFingerprint(fp.hex()));
    if (m.isEmpty() || !m.get().isActive() || m.get().id().equals(self)) {
      error(ctx, 403, "client certificate is not pinned for another active member in roster version "
          + book.current().roster().version());
      return;
    }
    Optional<PeerState> state = peers.get(m.get().id());
    if (state.isEmpty()) {
      error(ctx, 403, "member " + m.get().id() + " is not a peer of this node");
      return;
    }
    if (state.get().isBlocked()) {
      error(ctx, 403, "this node's operator blocked peer " + m.get().id());
      return;
    }
    if (!state.get().tryAcquire()) {
      ctx.response().putHeader("Retry-After", "1");
      error(ctx, 429, "member " + m.get().id() + " exceeds " + options.rateLimit() + " requests per second");
      return;
    }
    if (ledger.get() == null) {
      error(ctx, 503, "the node is still rebuilding its indexes");
      return;
    }
    state.get().heardFrom();
    ctx.put(PEER, state.get());
    ctx.next();
  }

  /** The member an authenticated peer request comes from. */
  static MemberId caller(RoutingContext ctx) {
    PeerState p = ctx.get(PEER);
    if (p == null) {
      throw new IllegalStateException("request " + ctx.request().path() + " did not pass peer authentication");
    }
    return p.member();
  }

  private void entries(RoutingContext ctx) {
    PeerState p = ctx.get(PEER);
    Buffer body = ctx.body().buffer();
    worker.executeBlocking(() -> {
      List<Intake.Offer> offers = new ArrayList<>();
      for (PeerMessages.Pushed item : PeerMessages.decodePush(body == null ? Buffer.buffer() : body)) {
        offers.add(new Intake.Offer(item.envelope(), item.relay()));
      }
      p.received(offers.size());
      return offers;
    }, false).compose(offers -> intake.offer(p.member(), offers, true)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Intake.Result r = ar.result();
      AntiEntropy.score(p, r);
      engine.relayEvidence(r.newEvidence());
      context.runOnContext(v -> r.gaps().keySet().forEach(m -> antiEntropy.fetchGap(p, m)));
      JsonObject out = new JsonObject().put("accepted", r.accepted()).put("duplicates", r.duplicates())
          .put("pending", r.pending()).put("dropped", r.dropped()).put("rejected", r.rejected()).put("held", r.held())
          .put("problems", new io.vertx.core.json.JsonArray(new ArrayList<>(r.problems())));
      json(ctx, 200, out.toBuffer());
    });
  }

  private void heads(RoutingContext ctx) {
    PeerState p = ctx.get(PEER);
    Buffer body = ctx.body().buffer();
    worker.executeBlocking(() -> PeerMessages.decodeHeads(body == null ? Buffer.buffer() : body), false)
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          json(ctx, 200, PeerMessages.encodeHeads(antiEntropy.localHeads()));
          // Push-pull: the asker's heads tell this node what to fetch back, which halves healing time.
          context.runOnContext(v -> antiEntropy.reconcile(p, ar.result()));
        });
  }

  private void feed(RoutingContext ctx) {
    MemberId member;
    long from;
    int limit;
    try {
      member = MemberId.parse(ctx.pathParam("member"));
      from = Long.parseLong(Optional.ofNullable(ctx.request().getParam("from")).orElse("1"));
      limit = Integer.parseInt(Optional.ofNullable(ctx.request().getParam("limit")).orElse("" + options.batch()));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "expected /peer/v1/feeds/{member}?from={seq >= 1}&limit={1.." + options.batch() + "}: "
          + e.getMessage());
      return;
    }
    if (from < 1 || limit < 1) {
      error(ctx, 400, "from " + from + " and limit " + limit + ": expected from >= 1 and limit >= 1");
      return;
    }
    int n = Math.min(limit, options.batch());
    worker.executeBlocking(() -> {
      List<byte[]> out = new ArrayList<>();
      long bytes = PeerMessages.feedBodyBytes(member, from, 0, 0);
      for (long s = from; s < from + n; s++) {
        Optional<byte[]> id = store.feedEntry(member.value(), s);
        if (id.isEmpty()) {
          break;
        }
        byte[] envelope = store.envelope(id.get()).orElseThrow();
        bytes += envelope.length + (out.isEmpty() ? 0 : 1);
        // The asker refuses a response over its body limit; it fetches the rest with the next request.
        if (bytes > options.maxBodyBytes() && !out.isEmpty()) {
          break;
        }
        out.add(envelope);
      }
      return PeerMessages.encodeFeed(member, from, out);
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        json(ctx, 200, ar.result());
      }
    });
  }

  private void getEvidence(RoutingContext ctx) {
    Optional<EquivocationEvidence> e = evidence.get(ctx.pathParam("member") + "/" + ctx.pathParam("seq"));
    if (e.isEmpty()) {
      error(ctx, 404, "no evidence " + ctx.pathParam("member") + "/" + ctx.pathParam("seq") + " on this node");
    } else {
      json(ctx, 200, Buffer.buffer(e.get().toJson()));
    }
  }

  private void postEvidence(RoutingContext ctx) {
    PeerState p = ctx.get(PEER);
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    worker.executeBlocking(() -> {
      String member = PeerMessages.object(Buffer.buffer(body), "evidence").path("member").asText("");
      return intake.offerEvidence(body, MemberId.parse(member));
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        p.invalid(1);
        error(ctx, 422, "evidence refused: " + ar.cause().getMessage());
        return;
      }
      ar.result().ifPresent(e -> engine.relayEvidence(List.of(e)));
      json(ctx, 200, new JsonObject().put("new", ar.result().isPresent()).toBuffer());
    });
  }

  private void getRoster(RoutingContext ctx) {
    long from;
    try {
      from = Long.parseLong(Optional.ofNullable(ctx.request().getParam("from")).orElse("1"));
    } catch (NumberFormatException e) {
      error(ctx, 400, "invalid from " + ctx.request().getParam("from") + ": expected a roster version >= 1");
      return;
    }
    List<byte[]> out = new ArrayList<>();
    for (SignedRoster r : book.from(from)) {
      out.add(r.envelope().toJson());
    }
    json(ctx, 200, PeerMessages.encodeVersions(out));
  }

  private void postRoster(RoutingContext ctx) {
    PeerState p = ctx.get(PEER);
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    worker.executeBlocking(() -> engine.adoptVersions(body), false).onComplete(ar -> {
      if (ar.failed()) {
        p.invalid(1);
        error(ctx, 422, "roster refused: " + ar.cause().getMessage());
      } else {
        json(ctx, 200, new JsonObject().put("version", ar.result()).toBuffer());
      }
    });
  }

  private void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    PeerState p = ctx.get(PEER);
    if (t instanceof PeerException || t instanceof IllegalArgumentException) {
      status = 400;
    }
    if (t instanceof StoreFullException) {
      // The sender is not at fault: it keeps the entries and tries again later (PeerClient reads
      // a 507 as busy). The store logs a full disk once, not with every refused push.
      ctx.response().putHeader("Retry-After", STORE_FULL_RETRY_AFTER_SECONDS);
      error(ctx, 507, "store-full: this node's disk is full, so nothing was stored; retry after "
          + STORE_FULL_RETRY_AFTER_SECONDS + " s");
      return;
    }
    if (p != null && (status == 400 || status == 413)) {
      p.invalid(1);
    }
    if (status == 500) {
      LOG.warning(() -> "peer request " + ctx.request().path() + " failed: " + t);
    }
    error(ctx, status, status == 413 ? "body larger than " + options.maxBodyBytes() + " bytes"
        : t == null ? "request failed" : String.valueOf(t.getMessage()));
  }

  private static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
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
