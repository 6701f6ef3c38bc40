package org.hashfed.node.log;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
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
 * from 0 after a restart, as C2SP allows) and the request retried once with it.
 */
final class WitnessSubmissions {

  private static final Logger LOG = Logger.getLogger(WitnessSubmissions.class.getName());

  /** One configured witness and where to reach it. */
  record Target(CosignatureVerifier key, WitnessEndpoint endpoint) {}

  private final CheckpointSigner checkpoints;
  private final ProvenanceLog log;
  private final List<Target> targets;
  private final Counter outcomes;
  private final Map<String, Long> witnessedSizes = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;

  WitnessSubmissions(CheckpointSigner checkpoints, ProvenanceLog log, List<Target> targets, Counter outcomes) {
    this.checkpoints = checkpoints;
    this.log = log;
    this.targets = List.copyOf(targets);
    this.outcomes = outcomes;
  }

  /** The endpoint of {@code target}: its URL, or its member's peer port through {@code clients}. */
  static Target target(WitnessTarget target, Vertx vertx, Duration timeout,
      Function<MemberId, Optional<PeerClient>> clients) {
    WitnessEndpoint endpoint = target.url().<WitnessEndpoint>map(u -> new UrlWitnessEndpoint(vertx, u, timeout))
        .orElseGet(() -> new PeerWitnessEndpoint(target.member().orElseThrow(), clients));
    return new Target(target.key(), endpoint);
  }

  void start(Vertx vertx, WorkerExecutor worker, Duration period) {
    if (targets.isEmpty()) {
      return;
    }
    this.vertx = vertx;
    timer = vertx.setPeriodic(period.toMillis(), period.toMillis(), id -> {
      if (running.compareAndSet(false, true)) {
        worker.executeBlocking(this::round, false)
            .onComplete(r -> running.set(false))
            .onFailure(e -> LOG.log(Level.WARNING, "submitting the checkpoint to witnesses failed", e));
      }
    });
  }

  void stop() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
    targets.forEach(t -> t.endpoint().close());
  }

  /** Submits the latest checkpoint to every witness that has not cosigned it; blocking. */
  List<WitnessOutcome> round() {
    Optional<SignedCheckpoint> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return List.of();
    }
    List<WitnessOutcome> out = new ArrayList<>();
    for (Target t : targets) {
      WitnessOutcome o = submit(t, latest.get());
      outcomes.inc(o.status().name().toLowerCase(java.util.Locale.ROOT));
      out.add(o);
    }
    return out;
  }

  private WitnessOutcome submit(Target target, SignedCheckpoint checkpoint) {
    String where = target.key().name() + " at " + target.endpoint().describe();
    try {
      if (!checkpoint.verifiedCosignatures(List.of(target.key())).isEmpty()) {
        return new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where, "already cosigned " + checkpoint.checkpoint());
      }
    } catch (LogVerificationException e) {
      LOG.warning(() -> "the served checkpoint holds an invalid cosignature by " + where + ": " + e.getMessage());
    }
    long size = checkpoint.checkpoint().size();
    long old = witnessedSizes.getOrDefault(target.key().name(), 0L);
    // One retry: a 409 tells the witness's size, and a second 409 means it moved meanwhile.
    for (int attempt = 0; attempt < 2; attempt++) {
      if (old > size) {
        return failed(where, "the witness cosigned size " + old + ", beyond this log's checkpoint at " + size
            + ": it saw a checkpoint this node never signed, or this node's log lost leaves");
      }
      List<Hash32> proof = old == 0 ? List.of() : log.consistencyProof(old, size);
      AddCheckpointAnswer answer;
      try {
        answer = target.endpoint().addCheckpoint(AddCheckpointRequest.create(old, proof, checkpoint.note()).encode());
      } catch (IOException e) {
        return failed(where, "cannot submit the checkpoint: " + e.getMessage());
      }
      if (answer.status() == 409) {
        Optional<Long> theirs = witnessSize(answer);
        if (theirs.isEmpty()) {
          return failed(where, "409 without the witness's size as text/x.tlog.size: " + excerpt(answer.body()));
        }
        old = theirs.get();
        witnessedSizes.put(target.key().name(), old);
        continue;
      }
      if (answer.status() != 200) {
        return failed(where, "HTTP " + answer.status() + ": " + excerpt(answer.body()));
      }
      return collect(target, where, checkpoint, answer.body());
    }
    return failed(where, "the witness's size changed between two requests (now " + old + "); next period");
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
