package org.hashfed.node.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.Role;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.events.SignalExport;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.node.webhooks.Webhooks;
import org.hashfed.node.log.NodeLog;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.StoreFullException;
import org.hashfed.node.sync.SyncEngine;
import org.hashfed.node.trust.TrustService;

/** The platform API: routes, authentication, body limits, problem responses and request metrics. */
public final class ApiServer {

  /** What the API needs from the node. */
  public record Services(ApiKeys keys, Metrics metrics, Supplier<Ledger> ledger,
      Supplier<Optional<StoreFullException>> writeFailure, WorkerExecutor worker, Clock clock,
      TrustService trust, Supplier<NodeLog> log, SyncEngine sync, EventLog events, SignalExport export, Webhooks webhooks,
      Supplier<Watchlist> watch) {}

  /** TLS versions of the platform API: 1.2 too, which platforms' HTTP clients may still need. */
  static final Set<String> API_TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final Vertx vertx;
  private final HttpServer first;
  private final String others;

  private ApiServer(Vertx vertx, HttpServer first, String others) {
    this.vertx = vertx;
    this.first = first;
    this.others = others;
  }

  /** Starts listening on the configured host and port; completes with the running server. */
  public static Future<ApiServer> start(Vertx vertx, NodeConfig config, Services services) {
    return start(vertx, config, services, null);
  }

  /**
   * As {@link #start(Vertx, NodeConfig, Services)} with {@code front} running before every route
   * (a read follower's redirect of what it does not serve); null for none.
   *
   * <p>One HTTP server per core, each on an event loop of its own, share the port (Vert.x hands
   * each new connection to the next), so that parsing, routing, authentication and writing
   * responses run on every core instead of queueing behind one event loop. Their handlers are
   * shared and thread-safe.
   */
  public static Future<ApiServer> start(Vertx vertx, NodeConfig config, Services services,
      Handler<RoutingContext> front) {
    Router router = new ApiServer.Routes(vertx, config, services).build(front);
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(false);
    config.apiTls().ifPresent(tls -> options.setSsl(true)
        .setEnabledSecureTransportProtocols(API_TLS_PROTOCOLS)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().toString())
            .setKeyPath(tls.keyFile().toString())));
    // Port 0 would give every server a port of its own; a negative port has Vert.x bind one random
    // port that all the servers listening on that same negative port share.
    int port = config.port() == 0 ? -1 : config.port();
    // The first server listens from the calling thread, the others from their event loops. The
    // first bind of a process initialises Netty's buffer classes inside Vert.x's lock on shared
    // servers: seconds on a cold JVM of a loaded machine, which must not block event loops (the one
    // binding and the ones waiting for the lock), as it did when every server was a verticle.
    HttpServer first = vertx.createHttpServer(options).requestHandler(router);
    return first.listen(port, config.host())
        .compose(bound -> CORES == 1 ? Future.succeededFuture((String) null)
            : vertx.deployVerticle(() -> new Listener(router, options, port, config.host()),
                    new DeploymentOptions().setInstances(CORES - 1))
                .recover(e -> first.close().transform(closed -> Future.failedFuture(e))))
        .recover(e -> Future.failedFuture(config.apiTls().isEmpty() ? e : new IllegalStateException(
            "cannot serve the platform API over TLS with http.tls_cert " + config.apiTls().get().certFile()
                + " and http.tls_key " + config.apiTls().get().keyFile() + ": " + e.getMessage(), e)))
        .map(others -> new ApiServer(vertx, first, others));
  }

  /** The port actually listened on (useful when configured as 0). */
  public int port() {
    return first.actualPort();
  }

  /** Stops accepting connections and closes open ones. */
  public Future<Void> close() {
    return others == null ? first.close() : Future.all(first.close(), vertx.undeploy(others)).mapEmpty();
  }

  /** One of the servers sharing the port; undeploying it closes the server and its connections. */
  private static final class Listener extends VerticleBase {
    private final Router router;
    private final HttpServerOptions options;
    private final int port;
    private final String host;

    Listener(Router router, HttpServerOptions options, int port, String host) {
      this.router = router;
      this.options = options;
      this.port = port;
      this.host = host;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(options).requestHandler(router).listen(port, host);
    }
  }

  private static final class Routes {
    private final Router router;
    private final Vertx vertx;
    private final NodeConfig config;
    private final Services services;
    private final byte[] openapi;

    Routes(Vertx vertx, NodeConfig config, Services services) {
      this.router = Router.router(vertx);
      this.vertx = vertx;
      this.config = config;
      this.services = services;
      this.openapi = readOpenApi();
    }

    Router build(Handler<RoutingContext> front) {
      router.route().handler(new RequestMetricsHandler(services.metrics()));
      if (front != null) {
        router.route().handler(front);
      }

      open(HttpMethod.GET, "/healthz", ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "ok")));
      open(HttpMethod.GET, "/readyz", this::readyz);
      open(HttpMethod.GET, "/metrics", ctx -> ctx.response()
          .putHeader("Content-Type", Metrics.CONTENT_TYPE)
          .end(services.metrics().scrape()));
      open(HttpMethod.GET, "/openapi.yaml", ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml")
          .end(Buffer.buffer(openapi)));

      HeavyRequests heavy = new HeavyRequests(config.match(), services.metrics());
      MatchRoutes match = new MatchRoutes(config, services.ledger(), services.worker(), services.clock(),
          services.trust(), heavy);
      secured(HttpMethod.GET, "/v1/match", Role.QUERY, false, match::matchOne);
      secured(HttpMethod.POST, "/v1/match", Role.QUERY, false, match::matchBatch);
      FileMatchRoutes files = new FileMatchRoutes(config, services.ledger(), services.worker(), services.clock(),
          services.trust(), new ImageHashing(vertx, config.image()), new VideoHashing(vertx, config.video(), config.maxFileBytes()),
          heavy);
      upload(HttpMethod.POST, "/v1/match/file", Role.QUERY, files, files::matchFile);

      EntryRoutes entries = new EntryRoutes(services.ledger(), services.worker());
      secured(HttpMethod.POST, "/v1/submissions", Role.SUBMIT, false, entries::submit);
      secured(HttpMethod.GET, "/v1/entries/:id", Role.QUERY, false, entries::get);
      secured(HttpMethod.POST, "/v1/entries/:id/retract", Role.SUBMIT, false, entries::retract);
      secured(HttpMethod.POST, "/v1/entries/:id/relabel", Role.SUBMIT, false, entries::relabel);
      secured(HttpMethod.POST, "/v1/entries/:id/opinions", Role.SUBMIT, false, entries::opinion);

      UpdatesRoutes updates = new UpdatesRoutes(services.events(), services.export(), services.worker());
      secured(HttpMethod.GET, "/v1/updates", Role.QUERY, false, updates::updates);
      secured(HttpMethod.GET, "/v1/signals/export", Role.QUERY, false, updates::export);

      WatchRoutes watch = new WatchRoutes(services.watch(), services.ledger(), services.worker(), services.clock());
      secured(HttpMethod.POST, "/v1/watch", Role.WATCH, false, watch::record);

      WebhookRoutes hooks = new WebhookRoutes(services.webhooks(), services.worker());
      secured(HttpMethod.POST, "/v1/admin/webhooks", Role.ADMIN, false, hooks::create);
      secured(HttpMethod.GET, "/v1/admin/webhooks", Role.ADMIN, false, hooks::list);
      secured(HttpMethod.DELETE, "/v1/admin/webhooks/:id", Role.ADMIN, false, hooks::delete);
      secured(HttpMethod.GET, "/v1/admin/webhooks/:id/deliveries", Role.ADMIN, false, hooks::deliveries);
      secured(HttpMethod.POST, "/v1/admin/webhooks/:id/replay", Role.ADMIN, false, hooks::replay);

      StatusRoutes status = new StatusRoutes(config, services.ledger(), services.worker(), services.clock());
      secured(HttpMethod.GET, "/v1/status", Role.QUERY, false, status::status);
      secured(HttpMethod.GET, "/v1/members", Role.QUERY, false, status::members);

      AdminRoutes admin = new AdminRoutes(services.keys(), services.worker(), services.clock());
      secured(HttpMethod.POST, "/v1/admin/api-keys", Role.ADMIN, false, admin::createApiKey);
      secured(HttpMethod.GET, "/v1/admin/api-keys", Role.ADMIN, false, admin::listApiKeys);
      secured(HttpMethod.DELETE, "/v1/admin/api-keys/:id", Role.ADMIN, false, admin::revokeApiKey);

      FederationRoutes federation = new FederationRoutes(services.sync(), services.worker(), services.log());
      secured(HttpMethod.GET, "/v1/admin/peers", Role.ADMIN, false, federation::peers);
      secured(HttpMethod.POST, "/v1/admin/peers/:member/block", Role.ADMIN, false, federation::block);
      secured(HttpMethod.POST, "/v1/admin/peers/:member/unblock", Role.ADMIN, false, federation::block);
      secured(HttpMethod.GET, "/v1/admin/evidence", Role.ADMIN, false, federation::evidence);
      secured(HttpMethod.POST, "/v1/admin/evidence/:member/release", Role.ADMIN, false, federation::release);
      secured(HttpMethod.GET, "/v1/admin/roster", Role.ADMIN, false, federation::roster);
      secured(HttpMethod.POST, "/v1/admin/roster", Role.ADMIN, false, federation::adoptRoster);
      TrustRoutes trust = new TrustRoutes(services.trust(), services.worker());
      secured(HttpMethod.GET, "/v1/admin/trust", Role.ADMIN, false, trust::list);
      secured(HttpMethod.GET, "/v1/admin/trust/:member", Role.ADMIN, false, trust::explain);
      secured(HttpMethod.PUT, "/v1/admin/trust/:member", Role.ADMIN, false, trust::set);
      secured(HttpMethod.POST, "/v1/admin/trust/:member/pin", Role.ADMIN, false, trust::pin);
      secured(HttpMethod.POST, "/v1/admin/trust/:member/unpin", Role.ADMIN, false, trust::unpin);
      secured(HttpMethod.POST, "/v1/admin/trust/:member/restore", Role.ADMIN, false, trust::restore);

      LogRoutes log = new LogRoutes(services.log(), services.worker());
      secured(HttpMethod.GET, "/v1/log/checkpoint", Role.AUDIT, false, log::checkpoint);
      secured(HttpMethod.GET, "/v1/log/key", Role.AUDIT, false, log::key);
      secured(HttpMethod.GET, "/v1/log/entries", Role.AUDIT, false, log::entries);
      secured(HttpMethod.GET, "/v1/log/proof/inclusion", Role.AUDIT, false, log::inclusion);
      secured(HttpMethod.GET, "/v1/log/proof/consistency", Role.AUDIT, false, log::consistency);
      secured(HttpMethod.GET, "/v1/log/roster", Role.AUDIT, false, log::roster);
      secured(HttpMethod.GET, "/v1/log/provenance", Role.AUDIT, false, log::provenance);
      secured(HttpMethod.GET, "/v1/log/evidence", Role.AUDIT, false, log::evidence);

      ProblemHandler problems = new ProblemHandler(config.maxBodyBytes());
      mountExtensions(files, heavy, problems);
      router.route().failureHandler(problems);
      router.errorHandler(404, ctx -> ProblemHandler.send(ctx,
          Problem.of(404, "not-found", "Not found", "no such endpoint: " + ctx.request().path())));
      router.errorHandler(405, ctx -> ProblemHandler.send(ctx, Problem.of(405, "method-not-allowed",
          "Method not allowed", ctx.request().method() + " is not allowed on " + ctx.request().path())));
      return router;
    }

    // Extensions mount after the core's routes, so they can never shadow one, and before the core's
    // failure handler, so a failure handler of their own runs first.
    private void mountExtensions(FileMatchRoutes files, HeavyRequests heavy, ProblemHandler problems) {
      PlatformOperations operations = new PlatformOperations(config, services.ledger(), services.worker(),
          services.clock(), services.trust(), files, heavy);
      Mount mount = new Mount(new Mount.Routes() {
        @Override
        public Route open(HttpMethod method, String path, Handler<RoutingContext> handler) {
          return ApiServer.Routes.this.open(method, path, handler);
        }

        @Override
        public Route secured(HttpMethod method, String path, Role role, Handler<RoutingContext> handler) {
          return ApiServer.Routes.this.secured(method, path, role, false, handler);
        }

        @Override
        public Route upload(HttpMethod method, String path, Role role, Handler<RoutingContext> handler) {
          return ApiServer.Routes.this.upload(method, path, role, files, handler);
        }
      }, operations, problems::toProblem);
      for (ApiExtension extension : ServiceLoader.load(ApiExtension.class, ApiServer.class.getClassLoader())) {
        extension.mount(mount);
      }
    }

    // A node whose writes fail is not ready: it would acknowledge no submission, no peer's entry
    // and no key, though it still matches.
    private void readyz(RoutingContext ctx) {
      if (services.ledger().get() == null) {
        ctx.fail(Problem.of(503, "not-ready", "Not ready", "the node is still rebuilding its indexes"));
        return;
      }
      Optional<StoreFullException> failing = services.writeFailure().get();
      if (failing.isPresent()) {
        ctx.fail(Problem.of(503, "writes-failing", "Writes failing", "writes to the store fail: "
            + failing.get().getMessage() + "; matches are still answered, and writes resume by themselves once"
            + " space is freed"));
        return;
      }
      Responses.json(ctx, 200, new JsonObject().put("status", "ready"));
    }

    private Route open(HttpMethod method, String path, Handler<RoutingContext> handler) {
      return router.route(method, path).handler(named(method, path)).handler(handler);
    }

    private Route secured(HttpMethod method, String path, Role role, boolean uploads,
        Handler<RoutingContext> handler) {
      return router.route(method, path)
          .handler(named(method, path))
          .handler(new AuthHandler(services.keys(), role, services.clock()))
          .handler(BodyHandler.create(uploads).setBodyLimit(config.maxBodyBytes()))
          .handler(handler);
    }

    /** A route taking a file: its own body limit, checked after the key, before the body is read. */
    private Route upload(HttpMethod method, String path, Role role, FileMatchRoutes files,
        Handler<RoutingContext> handler) {
      return router.route(method, path)
          .handler(named(method, path))
          .handler(files.limitMarker())
          .handler(new AuthHandler(services.keys(), role, services.clock()))
          .handler(files.bodyHandler())
          .handler(files::bodyRead)
          .handler(handler)
          .failureHandler(files::uploadFailure);
    }

    /** Labels the request with its route template for metrics; a platform handler so it runs first. */
    private static PlatformHandler named(HttpMethod method, String path) {
      String name = method.name() + " " + path;
      return ctx -> {
        ctx.put(RequestMetricsHandler.ROUTE_KEY, name);
        ctx.next();
      };
    }

    private static byte[] readOpenApi() {
      try (InputStream in = ApiServer.class.getResourceAsStream("openapi.yaml")) {
        if (in == null) {
          throw new IllegalStateException("openapi.yaml is missing from the node jar: the build copies spec/openapi.yaml");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
