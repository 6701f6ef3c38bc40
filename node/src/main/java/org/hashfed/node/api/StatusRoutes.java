package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hashfed.node.auth.Role;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.protocol.entry.EntryTime;

/**
 * {@code GET /v1/status} and {@code GET /v1/members}: read-only views for staff and their CLI.
 *
 * <p>Sections that other features own (sync, provenance log, trust) are optional objects, added
 * only when the node has them, so clients written today keep working when they appear.
 */
final class StatusRoutes {

  private final NodeConfig config;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Instant startedAt;
  private final String version;

  StatusRoutes(NodeConfig config, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock) {
    this.config = config;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
    this.startedAt = EntryTime.truncate(clock.instant());
    this.version = readVersion();
  }

  /** {@code GET /v1/status}: answers while the node is still rebuilding, with {@code ready: false}. */
  void status(RoutingContext ctx) {
    Ledger l = ledger.get();
    Instant now = clock.instant();
    JsonObject o = new JsonObject()
        .put("member", config.member())
        .put("version", version)
        .put("ready", l != null)
        .put("started_at", EntryTime.format(startedAt))
        .put("uptime_seconds", Math.max(0, Duration.between(startedAt, now).getSeconds()));
    Role role = ctx.get(AuthHandler.ROLE_KEY);
    if (role != null) {
      o.put("caller_role", role.wireName());
    }
    if (l != null) {
      JsonObject index = new JsonObject();
      long total = 0;
      for (var e : l.catalog().sizeByType().entrySet()) {
        index.put(e.getKey().wireName(), e.getValue());
        total += e.getValue();
      }
      o.put("index", index.put("total", total));
      o.put("entries_by_member", new JsonObject(new TreeMap<String, Object>(l.entriesByMember())));
    }
    Responses.json(ctx, 200, o);
  }

  /** {@code GET /v1/members}: the roster's members and every member this node holds entries of. */
  void members(RoutingContext ctx) {
    Ledger l = MatchRoutes.requireReady(ledger);
    worker.executeBlocking(() -> RosterMembers.read(config.rosterFile()), false)
        .onSuccess(roster -> Responses.json(ctx, 200, membersJson(roster, l.entriesByMember())))
        .onFailure(ctx::fail);
  }

  private JsonObject membersJson(Map<String, RosterMembers.Member> roster, Map<String, Long> entries) {
    Map<String, JsonObject> byId = new TreeMap<>();
    roster.forEach((id, m) -> {
      JsonObject o = new JsonObject().put("member", id).put("in_roster", true);
      m.name().ifPresent(n -> o.put("name", n));
      m.status().ifPresent(s -> o.put("status", s));
      m.keyId().ifPresent(k -> o.put("key_id", k));
      byId.put(id, o);
    });
    entries.forEach((id, seq) -> byId.computeIfAbsent(id, k -> new JsonObject().put("member", k).put("in_roster", false))
        .put("entries", seq));
    JsonArray out = new JsonArray();
    byId.forEach((id, o) -> {
      if (!o.containsKey("entries")) {
        o.put("entries", 0L);
      }
      out.add(o.put("self", id.equals(config.member())));
    });
    return new JsonObject().put("members", out);
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = StatusRoutes.class.getResourceAsStream("/org/hashfed/node/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
