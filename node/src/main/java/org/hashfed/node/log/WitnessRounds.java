package org.hashfed.node.log;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;

/**
 * Witnesses every active peer's log on a period, over the peer port, and hands each cosignature
 * back, so that every node's served checkpoint collects its peers' cosignatures. One round at a
 * time; a peer that cannot be reached is tried again next round.
 */
final class WitnessRounds {

  private static final Logger LOG = Logger.getLogger(WitnessRounds.class.getName());

  private final WitnessService witness;
  private final Supplier<List<MemberId>> peers;
  private final Function<MemberId, Optional<PeerClient>> clients;
  private final Counter outcomes;
  private final AtomicBoolean running = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;

  WitnessRounds(WitnessService witness, Supplier<List<MemberId>> peers,
      Function<MemberId, Optional<PeerClient>> clients, Counter outcomes) {
    this.witness = witness;
    this.peers = peers;
    this.clients = clients;
    this.outcomes = outcomes;
  }

  void start(Vertx vertx, WorkerExecutor worker, Duration period) {
    this.vertx = vertx;
    timer = vertx.setPeriodic(period.toMillis(), period.toMillis(), id -> {
      if (running.compareAndSet(false, true)) {
        worker.executeBlocking(this::round, false)
            .onComplete(r -> running.set(false))
            .onFailure(e -> LOG.log(Level.WARNING, "a witnessing round failed", e));
      }
    });
  }

  void stop() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Witnesses each active peer once; blocking. */
  List<WitnessOutcome> round() {
    List<WitnessOutcome> out = new ArrayList<>();
    for (MemberId m : peers.get()) {
      Optional<PeerClient> client = clients.apply(m);
      if (client.isEmpty()) {
        continue;
      }
      WitnessOutcome o = witness.witness(new PeerPortLog(m, client.get()));
      outcomes.inc(o.status().name().toLowerCase(java.util.Locale.ROOT));
      LOG.fine(() -> "witnessed " + o.peer() + ": " + o.status() + " " + o.message());
      out.add(o);
    }
    return out;
  }
}
