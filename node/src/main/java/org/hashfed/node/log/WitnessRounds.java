package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;

/**
 * Witnesses every active peer's log on a period, over the peer port, and hands each cosignature
 * back, so that every node's served checkpoint collects its peers' cosignatures. One round at a
 * time, {@link #PARALLELISM} peers at once, each bounded by a deadline; a peer that cannot be
 * reached in time is tried again next round.
 */
final class WitnessRounds {

  private static final Logger LOG = Logger.getLogger(WitnessRounds.class.getName());
  /** Peers witnessed at once: enough that one slow peer does not delay the others' rounds. */
  static final int PARALLELISM = 4;
  /** Requests one witnessing makes, each within the peer client's timeout: checkpoint, proof, delivery. */
  private static final int REQUESTS = 3;

  private final Vertx vertx;
  private final Supplier<List<MemberId>> peers;
  private final Function<MemberId, Optional<PeerClient>> clients;
  private final Counter outcomes;
  private final BoundedRound<MemberId, WitnessOutcome> round;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  /**
   * Rounds witnessing {@code peers} with {@code witness}, its store work on {@code worker}; a peer
   * not finished within {@link #REQUESTS} times {@code requestTimeout} (the peer client's) and
   * a few seconds of store work has failed this round.
   */
  WitnessRounds(Vertx vertx, WorkerExecutor worker, WitnessService witness, Supplier<List<MemberId>> peers,
      Function<MemberId, Optional<PeerClient>> clients, Counter outcomes, Duration requestTimeout) {
    this.vertx = vertx;
    this.peers = peers;
    this.clients = clients;
    this.outcomes = outcomes;
    Duration deadline = requestTimeout.multipliedBy(REQUESTS).plusSeconds(5);
    this.round = new BoundedRound<>(vertx, PARALLELISM, deadline,
        (m, abandoned) -> clients.apply(m)
            .map(c -> witness.witness(new PeerPortLog(m, c, abandoned), worker))
            .orElseGet(() -> Future.succeededFuture(null)),
        (m, reason) -> {
          LOG.warning(() -> "witnessing peer " + m + ": " + reason);
          return new WitnessOutcome(WitnessOutcome.Status.FAILED, "peer " + m, reason);
        });
  }

  void start(Duration period) {
    timer = vertx.setPeriodic(period.toMillis(), period.toMillis(), id -> {
      if (running.compareAndSet(false, true)) {
        round().onComplete(r -> running.set(false));
      }
    });
  }

  /** Cancels the period and ends the witnessing in flight. */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    round.stop();
  }

  /** Witnesses each active peer once; completes, never fails, with an outcome per callable peer. */
  Future<List<WitnessOutcome>> round() {
    List<MemberId> callable = peers.get().stream().filter(m -> clients.apply(m).isPresent()).toList();
    return round.run(callable).map(out -> {
      for (WitnessOutcome o : out) {
        outcomes.inc(o.status().name().toLowerCase(Locale.ROOT));
        LOG.fine(() -> "witnessed " + o.peer() + ": " + o.status() + " " + o.message());
      }
      return out;
    });
  }
}
