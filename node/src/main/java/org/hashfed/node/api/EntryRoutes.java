package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.RefusedException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/** Submissions, retractions, relabels, opinions and entry look-up. */
final class EntryRoutes {

  private static final Logger LOG = Logger.getLogger(EntryRoutes.class.getName());

  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;

  EntryRoutes(Supplier<Ledger> ledger, WorkerExecutor worker) {
    this.ledger = ledger;
    this.worker = worker;
  }

  /** {@code POST /v1/submissions}. */
  void submit(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    Signal signal = Requests.signal(body.getValue("signal"), "signal");
    Submit submit;
    try {
      Optional<Instant> expires = Requests.optionalString(body, "expires_at").map(t -> EntryTime.parse(t, "expires_at"));
      submit = new Submit(signal, Requests.labels(body.getValue("labels")), Requests.optionalString(body, "incident"),
          Requests.optionalString(body, "note"), expires);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-field", e.getMessage(), null);
    }
    Ledger l = MatchRoutes.requireReady(ledger);
    write(ctx, l, () -> l.submit(submit));
  }

  /** {@code POST /v1/entries/:id/retract {"reason", "note"?}}. */
  void retract(RoutingContext ctx) {
    EntryId target = Requests.entryId(ctx.pathParam("id"));
    JsonObject body = Responses.jsonBody(ctx);
    ReasonCode reason = reason(Requests.requiredString(body, "reason", "a reason code such as false_positive"));
    Optional<String> note = Requests.optionalString(body, "note");
    Ledger l = MatchRoutes.requireReady(ledger);
    write(ctx, l, () -> l.retract(target, reason, note));
  }

  /** {@code POST /v1/entries/:id/relabel {"labels", "note"?}}: the new labels replace the current ones. */
  void relabel(RoutingContext ctx) {
    EntryId target = Requests.entryId(ctx.pathParam("id"));
    JsonObject body = Responses.jsonBody(ctx);
    List<Label> labels = Requests.labels(body.getValue("labels"));
    Relabel relabel;
    try {
      relabel = new Relabel(target, labels, Requests.optionalString(body, "note"));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-field", e.getMessage(), null);
    }
    Ledger l = MatchRoutes.requireReady(ledger);
    write(ctx, l, () -> l.relabel(relabel));
  }

  /** {@code POST /v1/entries/:id/opinions {"stance", "reason"?, "note"?}}; agreeing defaults to reason confirmed. */
  void opinion(RoutingContext ctx) {
    EntryId target = Requests.entryId(ctx.pathParam("id"));
    JsonObject body = Responses.jsonBody(ctx);
    String stanceText = Requests.requiredString(body, "stance", "agree or disagree");
    Stance stance;
    try {
      stance = Stance.parse(stanceText);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-field", e.getMessage(), stanceText);
    }
    Optional<String> reasonText = Requests.optionalString(body, "reason");
    ReasonCode reason = reasonText.isPresent() || stance != Stance.AGREE
        ? reason(reasonText.orElseThrow(() -> Problem.invalid("invalid-field",
            "field \"reason\" is required when disagreeing: expected a reason code such as false_positive", "null")))
        : ReasonCode.CONFIRMED;
    Optional<String> note = Requests.optionalString(body, "note");
    Ledger l = MatchRoutes.requireReady(ledger);
    write(ctx, l, () -> l.opinion(target, stance, reason, note));
  }

  /** {@code GET /v1/entries/:id}. */
  void get(RoutingContext ctx) {
    EntryId id = Requests.entryId(ctx.pathParam("id"));
    Ledger l = MatchRoutes.requireReady(ledger);
    worker.executeBlocking(() -> l.find(id), false)
        .onSuccess(r -> {
          if (r.isEmpty()) {
            ctx.fail(Problem.of(404, "entry-not-found", "Entry not found", "no entry " + id + " is stored on this node"));
          } else {
            Responses.json(ctx, 200, Views.entry(r.get()));
          }
        })
        .onFailure(ctx::fail);
  }

  private static ReasonCode reason(String text) {
    try {
      return ReasonCode.parse(text);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-field", e.getMessage(), text);
    }
  }

  private void write(RoutingContext ctx, Ledger l, Callable<Appended> action) {
    // Wait for the own-feed gate here, without a thread: a worker blocked in the ledger's own wait
    // would be one fewer for matching while the node cannot reach a peer.
    Future<Appended> f = Future.fromCompletionStage(l.ownFeed().whenOpen(Ledger.OWN_FEED_WAIT), ctx.vertx().getOrCreateContext())
        .compose(v -> worker.executeBlocking(action, false));
    f.onSuccess(a -> {
      LOG.info(() -> "appended entry " + a.entryId() + " member=" + a.member() + " seq=" + a.seq());
      Responses.json(ctx, 201, Views.appended(a));
    }).onFailure(e -> ctx.fail(toProblem(e)));
  }

  private static Throwable toProblem(Throwable e) {
    if (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof RefusedException r) {
      switch (r.refusal()) {
        case ENTRY_NOT_FOUND:
          return Problem.of(404, "entry-not-found", "Entry not found", r.getMessage());
        case LOW_QUALITY:
          return Problem.of(422, "low-quality", "PDQ quality too low", r.getMessage());
        case NOT_OWN_ENTRY:
          return Problem.of(409, "not-own-entry", "Not this member's entry", r.getMessage());
        case OWN_ENTRY:
          return Problem.of(409, "own-entry", "This member's own entry", r.getMessage());
        case NOT_A_SUBMISSION:
          return Problem.of(409, "not-a-submission", "Not a submission", r.getMessage());
        case ALREADY_RETRACTED:
          return Problem.of(409, "already-retracted", "Already retracted", r.getMessage());
        case LABELS_UNCHANGED:
          return Problem.of(409, "labels-unchanged", "Labels unchanged", r.getMessage());
        case OWN_FEED_UNCONFIRMED:
          return Problem.of(503, "own-feed-unconfirmed", "Own feed not yet confirmed by a peer", r.getMessage());
        default:
          return e;
      }
    }
    if (e instanceof IllegalArgumentException) {
      return Problem.invalid("invalid-field", e.getMessage(), null);
    }
    return e;
  }
}
