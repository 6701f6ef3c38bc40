package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
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

  private final NodeConfig config;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final TrustService trust;

  MatchRoutes(NodeConfig config, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock, TrustService trust) {
    this.config = config;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
    this.trust = trust;
  }

  /** {@code GET /v1/match?type=&value=[&max_distance=]}. */
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
    respond(ctx, List.of(s), maxDistance, video, MatchFilters.fromQuery(ctx.request().params()));
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
    List<Signal> signals = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      signals.add(Requests.signal(arr.getValue(i), "signals[" + i + "]"));
    }
    respond(ctx, signals, maxDistance, video, MatchFilters.fromBody(body));
  }

  /** Matches {@code signals} off the event loop with the default trust filter. */
  void respond(RoutingContext ctx, List<Signal> signals, int maxDistance) {
    respond(ctx, signals, maxDistance, VideoThresholds.DEFAULTS, MatchFilter.defaults());
  }

  /** Matches {@code signals} off the event loop and writes one result per signal, in order. */
  void respond(RoutingContext ctx, List<Signal> signals, int maxDistance, VideoThresholds video,
      MatchFilter filter) {
    Ledger l = requireReady(ledger);
    Catalog catalog = l.catalog();
    worker.executeBlocking(() -> results(catalog, trust, signals, maxDistance, video, filter, clock.instant()), false)
        .onSuccess(results -> Responses.json(ctx, 200, new JsonObject().put("results", results)))
        .onFailure(ctx::fail);
  }

  /** Every match carries its trust and confidence; blocked, observed (unless asked) and filtered ones are left out. */
  static JsonArray results(Catalog catalog, TrustService trust, List<Signal> signals, int maxDistance,
      VideoThresholds video, MatchFilter filter, Instant now) {
    JsonArray results = new JsonArray();
    for (Signal s : signals) {
      List<JsonObject> admitted = admitted(catalog, trust, s, maxDistance, video, filter, now, Views::match);
      results.add(new JsonObject().put("signal", Views.signal(s)).put("matches", new JsonArray(new ArrayList<>(admitted))));
    }
    return results;
  }

  /** The matches of {@code s} that {@code filter} admits, each with its judgement turned into a result by {@code view}. */
  static <T> List<T> admitted(Catalog catalog, TrustService trust, Signal s, int maxDistance, VideoThresholds video,
      MatchFilter filter, Instant now, BiFunction<CatalogMatch, Judgement, T> view) {
    return catalog.match(s, maxDistance, video, now, m -> {
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
