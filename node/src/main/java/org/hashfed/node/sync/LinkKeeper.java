package org.hashfed.node.sync;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerException;
import org.hashfed.protocol.entry.MemberId;

/**
 * Keeps this node's connections to every active peer open, so that a push does not wait for a
 * mutual-TLS handshake. A handshake costs each side milliseconds of CPU for the certificate
 * signatures and the key exchange; a burst of new hashes that meets closed links pays for many of
 * them at once, at the moment propagation matters most.
 *
 * <p>A round sends each active, unblocked peer {@link PeerClient#MAX_CONNECTIONS} pings at once,
 * so that its client's pool opens, or keeps from idling out, every connection a push may use.
 * Rounds run at start, on every roster change and then every half keep-alive. A peer that opens a
 * connection to this node has just started or lost its links; it is pinged back at once, so links
 * come up as soon as both ends are up instead of at the next round.
 *
 * <p>Pings leave the peer's score and backoff alone, answered or not: pushes and anti-entropy
 * judge a peer by the data it serves, and a cheap answer to a ping says little about a peer that
 * times out on real work. A peer that is not up yet pings this node when it starts. Only a 429 is
 * kept: a peer that asked to be left alone for a while is not pinged, nor pushed to, until then.
 * All state lives on the sync engine's context.
 */
final class LinkKeeper {

  private static final Logger LOG = Logger.getLogger(LinkKeeper.class.getName());
  static final String PING_PATH = "/peer/v1/ping";
  /** Half the client's keep-alive: a link in use is never idle long enough to be closed. */
  static final long PERIOD_MS = PeerClient.KEEP_ALIVE.toMillis() / 2;

  private final Vertx vertx;
  private final Context context;
  private final Peers peers;
  /** Peers with pings in flight: a second round for them would open nothing more. */
  private final Set<MemberId> pinging = new HashSet<>();
  private long timer = -1;

  LinkKeeper(Vertx vertx, Context context, Peers peers) {
    this.vertx = vertx;
    this.context = context;
    this.peers = peers;
  }

  /** Opens the links now and keeps them open until {@link #stop}. */
  void start() {
    round();
    timer = vertx.setPeriodic(PERIOD_MS, id -> round());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Pings every active, unblocked peer on each of its connections; safe from any thread. */
  void round() {
    context.runOnContext(v -> peers.activeIds().forEach(this::ping));
  }

  /** Pings one peer now, if it is active and not blocked; safe from any thread. */
  void open(MemberId member) {
    context.runOnContext(v -> {
      if (peers.activeIds().contains(member)) {
        ping(member);
      }
    });
  }

  private void ping(MemberId member) {
    PeerState state = peers.get(member).orElse(null);
    if (state == null || state.client() == null || state.isBlocked() || state.busyForMillis() > 0
        || !pinging.add(member)) {
      return;
    }
    List<Future<?>> pings = new ArrayList<>();
    for (int i = 0; i < PeerClient.MAX_CONNECTIONS; i++) {
      pings.add(state.client().get(PING_PATH));
    }
    Future.join(pings).onComplete(ar -> {
      pinging.remove(member);
      if (ar.failed()) {
        LOG.fine(() -> "ping to " + member + " failed: " + ar.cause().getMessage());
        // A 429 costs nothing, but its Retry-After holds for every request; other failures are
        // for pushes and anti-entropy to judge.
        pings.stream().map(Future::cause).filter(PeerException::isBusy).findFirst().ifPresent(state::failed);
      }
    });
  }
}
