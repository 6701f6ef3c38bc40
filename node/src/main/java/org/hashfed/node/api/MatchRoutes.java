package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.signal.Signal;

/** {@code GET /v1/match} and {@code POST /v1/match}: the platforms' hot path. */
final class MatchRoutes {

  /** The largest per-signal cap a match answered on the event loop may have: the catalog's default. */
  static final int MAX_MATCHES_ON_EVENT_LOOP = Catalog.MAX_MATCHES_PER_SIGNAL;

  private final NodeConfig config;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final TrustService trust;
  private final HeavyRequests heavy;

  MatchRoutes(NodeConfig config, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock, TrustService trust,
      HeavyRequests heavy) {
    this.config = config;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
    this.trust = trust;
    this.heavy = heavy;
  }

  /** {@code GET /v1/match?type=&value=[&max_distance=][&max_matches_per_signal=]}. */
  void matchOne(RoutingContext ctx) {
    String type = ctx.request().getParam("type");
    String value = ctx.request().getParam("value");
    if (type == null) {
      throw Problem.invalid("invalid-signal",
          "query parameter type is required: expected one of " + Requests.typeNames(), "null");
    }
    if (value == null) {
      throw Problem.invalid("invalid-signal", "query parameter value is required: expected a hex string", "null");
    }
    Signal s = Requests.signal(type, value, null, "query");
    int maxDistance = Requests.maxDistance(ctx.request().getParam("max_distance"), config.defaultMaxDistance());
    VideoThresholds video = Requests.videoThresholds(ctx.request().getParam("query_percent"),
        ctx.request().getParam("compared_percent"), ctx.request().getParam("contained_percent"));
    MatchCaps caps = MatchCaps.fromQuery(config.match(), ctx.request().params());
    MatchFilter filter = MatchFilters.fromQuery(ctx.request().params());
    heavy.admit(ctx, List.of(s));
    respond(ctx, List.of(s), maxDistance, video, filter, caps);
  }

  /** {@code POST /v1/match {"signals": [...], "max_distance": N}}. */
  void matchBatch(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    Object raw = body.getValue("signals");
    if (!(raw instanceof JsonArray arr) || arr.isEmpty()) {
      throw Problem.invalid("invalid-signals", "field \"signals\" is required: expected an array of 1 to "
          + config.maxSignals() + " signals", String.valueOf(raw));
    }
    if (arr.size() > config.maxSignals()) {
      throw Problem.of(400, "too-many-signals", "Too many signals",
          arr.size() + " signals in one request: expected at most " + config.maxSignals());
    }
    int maxDistance = Requests.maxDistance(body.getValue("max_distance"), config.defaultMaxDistance());
    VideoThresholds video = Requests.videoThresholds(body.getValue("query_percent"), body.getValue("compared_percent"),
        body.getValue("contained_percent"));
    MatchCaps caps = MatchCaps.fromBody(config.match(), body);
    List<Signal> signals = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      signals.add(Requests.signal(arr.getValue(i), "signals[" + i + "]"));
    }
    MatchFilter filter = MatchFilters.fromBody(body);
    heavy.admit(ctx, signals);
    respond(ctx, signals, maxDistance, video, filter, caps);
  }

  /**
   * Matches {@code signals} and writes one result per signal, in order. A batch, a video or a wide
   * search is matched off the event loop, and its body encoded on the worker too, streamed by
   * {@link MatchJson}: a response of thousands of matches takes milliseconds to encode, which the
   * event loop owes to every other request. One signal that the catalog looks up in memory, with at
   * most {@link #MAX_MATCHES_ON_EVENT_LOOP} matches, is answered on the event loop (see
   * {@link #onEventLoop}).
   */
  void respond(RoutingContext ctx, List<Signal> signals, int maxDistance, VideoThresholds video,
      MatchFilter filter, MatchCaps caps) {
    Ledger l = requireReady(ledger);
    Catalog catalog = l.catalog();
    Instant now = clock.instant();
    Supplier<Buffer> body = () -> MatchJson.response(capped(catalog, trust, signals, maxDistance, video, filter, now,
        caps, MatchJson.Scored::new));
    if (onEventLoop(catalog, signals, maxDistance, caps)) {
      Responses.json(ctx, 200, body.get());
      return;
    }
    worker.executeBlocking(body::get, false)
        .onSuccess(b -> Responses.json(ctx, 200, b))
        .onFailure(ctx::fail);
  }

  /**
   * Whether a match is answered on the event loop that received it. For a one-signal GET the hop
   * to a worker and back (queue the task, wake a parked worker, wake the event loop again for the
   * response) was the largest cost besides the search: with it, the kernel and libc (futex and
   * eventfd wake-ups, epoll) took 15% of the node's CPU under wrk, 8% without (README,
   * Performance). It is skipped only for work that is bounded and never waits: one signal that
   * {@link Catalog#isLookup} finds in memory without a lock or I/O (a PDQ search of a few hundred
   * microseconds at 10M), with at most {@link #MAX_MATCHES_ON_EVENT_LOOP} results to judge and
   * encode. The API runs one event loop per core, so a search costs a loop what it would cost a
   * worker on the same core.
   */
  static boolean onEventLoop(Catalog catalog, List<Signal> signals, int maxDistance, MatchCaps caps) {
    return signals.size() == 1 && caps.perSignal() <= MAX_MATCHES_ON_EVENT_LOOP
        && catalog.isLookup(signals.get(0), maxDistance);
  }

  /**
   * {@code {"results": [...], "truncated": b}}: per signal its matches and whether a cap left some
   * out; {@code truncated} at the top says whether any result was cut.
   */
  static JsonObject response(List<SignalMatches<JsonObject>> matched) {
    JsonArray results = new JsonArray();
    boolean truncated = false;
    for (SignalMatches<JsonObject> m : matched) {
      results.add(new JsonObject().put("signal", Views.signal(m.signal()))
          .put("matches", new JsonArray(new ArrayList<>(m.matches())))
          .put("truncated", m.truncated()));
      truncated |= m.truncated();
    }
    return new JsonObject().put("results", results).put("truncated", truncated);
  }

  /**
   * The admitted matches of each signal, in order, under {@code caps}: at most {@code perSignal}
   * each and {@code perResponse} in all. Once the response is full the remaining signals are not
   * searched at all, so the work of a request is bounded as well as its bytes; their results are
   * empty and marked truncated.
   */
  static <T> List<SignalMatches<T>> capped(Catalog catalog, TrustService trust, List<Signal> signals, int maxDistance,
      VideoThresholds video, MatchFilter filter, Instant now, MatchCaps caps,
      BiFunction<CatalogMatch, Judgement, T> view) {
    List<SignalMatches<T>> out = new ArrayList<>(signals.size());
    int left = caps.perResponse();
    for (Signal s : signals) {
      if (left == 0) {
        out.add(new SignalMatches<>(s, List.of(), true));
        continue;
      }
      int limit = Math.min(caps.perSignal(), left);
      // one more than fits tells whether the cap cut anything
      List<T> found = admitted(catalog, trust, s, maxDistance, video, filter, now, limit + 1, view);
      boolean cut = found.size() > limit;
      List<T> kept = cut ? found.subList(0, limit) : found;
      left -= kept.size();
      out.add(new SignalMatches<>(s, kept, cut));
    }
    return out;
  }

  /** The first {@code limit} matches of {@code s} that {@code filter} admits, each turned into a result by {@code view}. */
  static <T> List<T> admitted(Catalog catalog, TrustService trust, Signal s, int maxDistance, VideoThresholds video,
      MatchFilter filter, Instant now, int limit, BiFunction<CatalogMatch, Judgement, T> view) {
    return catalog.match(s, maxDistance, video, now, limit, m -> {
      Listing l = m.listing();
      if (!filter.admits(trust.level(l.member(), l.labels()), l.labels())) {
        return Optional.empty();
      }
      Judgement j = trust.judge(l, m.distance());
      return filter.admits(j.confidence()) ? Optional.of(view.apply(m, j)) : Optional.empty();
    });
  }

  static Ledger requireReady(Supplier<Ledger> ledger) {
    Ledger l = ledger.get();
    if (l == null) {
      throw Problem.of(503, "not-ready", "Not ready", "the node is still rebuilding its indexes; retry shortly");
    }
    return l;
  }
}
