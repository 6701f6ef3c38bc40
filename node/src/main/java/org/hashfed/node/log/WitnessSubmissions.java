package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Logger;
import org.hashfed.node.config.WitnessTarget;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;

/**
 * This node's log as a client of C2SP tlog-witnesses ({@code log.witnesses}): on a period, submits
 * the latest checkpoint to each witness that has not cosigned it yet, with a consistency proof
 * from the size the witness last cosigned, and adds the cosignatures it gets back to the
 * checkpoint the node serves. A witness's size is learnt from its 409 answer (this node starts
 * from 0 after a restart, as C2SP allows) and the request retried once with it. No thread waits for
 * a witness: requests are futures, and only the log's store work runs on a worker.
 */
final class WitnessSubmissions {

  private static final Logger LOG = Logger.getLogger(WitnessSubmissions.class.getName());

  /** One configured witness and where to reach it. */
  record Target(CosignatureVerifier key, WitnessEndpoint endpoint) {}

  /** Witnesses submitted to at once. */
  static final int PARALLELISM = 4;
  /** Requests one submission may make: the first, and the retry at the size a 409 told. */
  private static final int REQUESTS = 2;

  /** The latest checkpoint, for one witness. */
  private record Submission(Target target, SignedCheckpoint checkpoint) {}

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final CheckpointSigner checkpoints;
  private final ProvenanceLog log;
  private final List<Target> targets;
  private final Counter outcomes;
  private final BoundedRound<Submission, WitnessOutcome> round;
  private final Map<String, Long> witnessedSizes = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  /**
   * Submissions to {@code targets}, the log's store work on {@code worker}; a witness that has not
   * answered within {@link #REQUESTS} times {@code requestTimeout} (each endpoint's deadline) and
   * a few seconds of store work has failed this period.
   */
  WitnessSubmissions(Vertx vertx, WorkerExecutor worker, CheckpointSigner checkpoints, ProvenanceLog log,
      List<Target> targets, Counter outcomes, Duration requestTimeout) {
    this.vertx = vertx;
    this.worker = worker;
    this.checkpoints = checkpoints;
    this.log = log;
    this.targets = List.copyOf(targets);
    this.outcomes = outcomes;
    this.round = new BoundedRound<>(vertx, PARALLELISM, requestTimeout.multipliedBy(REQUESTS).plusSeconds(5),
        (s, abandoned) -> submit(s.target(), s.checkpoint(), abandoned),
        (s, reason) -> failed(where(s.target()), reason));
  }

  /** The endpoint of {@code target}: its URL, or its member's peer port through {@code clients}. */
  static Target target(WitnessTarget target, Vertx vertx, Duration timeout,
      Function<MemberId, Optional<PeerClient>> clients) {
    WitnessEndpoint endpoint = target.url().<WitnessEndpoint>map(u -> new UrlWitnessEndpoint(vertx, u, timeout))
        .orElseGet(() -> new PeerWitnessEndpoint(target.member().orElseThrow(), clients));
    return new Target(target.key(), endpoint);
  }

  void start(Duration period) {
    if (targets.isEmpty()) {
      return;
    }
    timer = vertx.setPeriodic(period.toMillis(), period.toMillis(), id -> {
      if (running.compareAndSet(false, true)) {
        round().onComplete(r -> running.set(false));
      }
    });
  }

  /** Cancels the period, ends the submissions in flight and releases the endpoints. */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    round.stop();
    targets.forEach(t -> t.endpoint().close());
  }

  /**
   * Submits the latest checkpoint to every witness that has not cosigned it; completes, never
   * fails, with an outcome per witness.
   */
  Future<List<WitnessOutcome>> round() {
    Optional<SignedCheckpoint> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return round.run(targets.stream().map(t -> new Submission(t, latest.get())).toList()).map(out -> {
      out.forEach(o -> outcomes.inc(o.status().name().toLowerCase(java.util.Locale.ROOT)));
      return out;
    });
  }

  private static String where(Target target) {
    return target.key().name() + " at " + target.endpoint().describe();
  }

  private Future<WitnessOutcome> submit(Target target, SignedCheckpoint checkpoint, BooleanSupplier abandoned) {
    String where = where(target);
    try {
      if (!checkpoint.verifiedCosignatures(List.of(target.key())).isEmpty()) {
        return Future.succeededFuture(new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where,
            "already cosigned " + checkpoint.checkpoint()));
      }
    } catch (LogVerificationException e) {
      LOG.warning(() -> "the served checkpoint holds an invalid cosignature by " + where + ": " + e.getMessage());
    }
    return attempt(target, where, checkpoint, witnessedSizes.getOrDefault(target.key().name(), 0L), 0, abandoned);
  }

  // One retry: a 409 tells the witness's size, and a second 409 means it moved meanwhile.
  private Future<WitnessOutcome> attempt(Target target, String where, SignedCheckpoint checkpoint, long old,
      int attempt, BooleanSupplier abandoned) {
    long size = checkpoint.checkpoint().size();
    if (attempt == REQUESTS) {
      return Future.succeededFuture(failed(where, "the witness's size changed between two requests (now " + old
          + "); next period"));
    }
    if (old > size) {
      return Future.succeededFuture(failed(where, "the witness cosigned size " + old + ", beyond this log's"
          + " checkpoint at " + size + ": it saw a checkpoint this node never signed, or this node's log lost leaves"));
    }
    if (abandoned.getAsBoolean()) {
      // the round has its outcome for this witness already
      return Future.succeededFuture(new WitnessOutcome(WitnessOutcome.Status.FAILED, where, "given up"));
    }
    Future<List<Hash32>> proof = old == 0 ? Future.succeededFuture(List.of())
        : worker.executeBlocking(() -> log.consistencyProof(old, size), false);
    return proof
        .compose(p -> target.endpoint().addCheckpoint(AddCheckpointRequest.create(old, p, checkpoint.note()).encode()))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.succeededFuture(failed(where, "cannot submit the checkpoint: " + ar.cause().getMessage()));
          }
          AddCheckpointAnswer answer = ar.result();
          if (answer.status() == 409) {
            Optional<Long> theirs = witnessSize(answer);
            if (theirs.isEmpty()) {
              return Future.succeededFuture(failed(where, "409 without the witness's size as text/x.tlog.size: "
                  + excerpt(answer.body())));
            }
            witnessedSizes.put(target.key().name(), theirs.get());
            return attempt(target, where, checkpoint, theirs.get(), attempt + 1, abandoned);
          }
          if (answer.status() != 200) {
            return Future.succeededFuture(failed(where, "HTTP " + answer.status() + ": " + excerpt(answer.body())));
          }
          return worker.executeBlocking(() -> collect(target, where, checkpoint, answer.body()), false);
        });
  }

  private WitnessOutcome collect(Target target, String where, SignedCheckpoint checkpoint, String lines) {
    SignedNote returned;
    try {
      returned = SignedNote.parse(checkpoint.checkpoint().text() + "\n" + lines);
    } catch (LogFormatException e) {
      return failed(where, "answer is not cosignature lines: " + e.getMessage());
    }
    try {
      SignedCheckpoint cosigned = checkpoints.addCosignature(returned, target.key());
      witnessedSizes.put(target.key().name(), checkpoint.checkpoint().size());
      return new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where, "cosigned " + cosigned.checkpoint());
    } catch (LogVerificationException e) {
      return failed(where, "cosignature refused: " + e.getMessage());
    }
  }

  private static Optional<Long> witnessSize(AddCheckpointAnswer answer) {
    String type = answer.contentType().split(";", 2)[0].trim();
    String body = answer.body();
    if (!type.equalsIgnoreCase(AddCheckpointAnswer.SIZE_CONTENT_TYPE) || !body.matches("(0|[1-9][0-9]{0,18})\n")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(body.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String excerpt(String body) {
    String flat = body.replaceAll("\\p{Cntrl}", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private static WitnessOutcome failed(String where, String message) {
    LOG.warning(() -> "submitting to witness " + where + ": " + message);
    return new WitnessOutcome(WitnessOutcome.Status.FAILED, where, message);
  }
}
