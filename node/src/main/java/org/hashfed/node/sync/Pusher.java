package org.hashfed.node.sync;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.peer.PeerException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * Push: forwards each newly accepted entry at once to a few peers. In tree mode (the default)
 * the node picks {@code fanout} targets and splits the remaining peers that still need the entry
 * among them as their relay sets, so on an honest network each node receives about one copy; when
 * a push fails, the sender takes over that target's relay set.
 *
 * <p>Each peer has a {@link PushQueue}: entries accepted while a push to it is in flight wait and
 * go together in the next one, so a burst costs each hop a few requests, not one per entry. A peer
 * that answers 429 is up: the refused entries go back to the head of its queue and are sent once
 * the wait it asked for is over, while their relay sets go to others at once. All state lives on
 * one Vert.x context.
 */
final class Pusher {

  private static final Logger LOG = Logger.getLogger(Pusher.class.getName());
  private static final int MAX_QUEUE = 10_000;
  /**
   * Pushes in flight to one peer. Two, so that one author's batch does not wait behind another
   * author's round trip; never two that carry entries of the same author, so each feed still
   * arrives in order. More would only open more connections (a mutual-TLS handshake each) for
   * batches that wait at the receiver anyway.
   */
  private static final int MAX_IN_FLIGHT = 2;

  /** An entry the ledger stored, with how it arrived (null for this node's own). */
  private record Accepted(SignedEntry entry, Intake.Origin origin) {}

  private final Context context;
  private final Peers peers;
  private final MemberId self;
  private final SyncOptions options;
  /** Filled by the storing thread, drained on the context: one context task plans a whole stored batch. */
  private final ConcurrentLinkedQueue<Accepted> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Map<MemberId, PushQueue> queues = new HashMap<>();
  private final Map<MemberId, Integer> inFlight = new HashMap<>();
  private final Map<MemberId, Set<MemberId>> authorsInFlight = new HashMap<>();
  /** Targets that asked, with a 429, to wait: a timer flushes their queue when the wait is over. */
  private final Set<MemberId> waking = new HashSet<>();

  Pusher(Context context, Peers peers, MemberId self, SyncOptions options) {
    this.context = context;
    this.peers = peers;
    this.self = self;
    this.options = options;
  }

  /** Plans the push of an entry the ledger just stored; safe from any thread, never blocks. */
  void accepted(SignedEntry entry, Intake.Origin origin) {
    if (origin != null && !origin.pushed()) {
      return;
    }
    inbox.add(new Accepted(entry, origin));
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drainInbox());
    }
  }

  private void drainInbox() {
    drainScheduled.set(false);
    Set<MemberId> touched = new LinkedHashSet<>();
    for (Accepted a = inbox.poll(); a != null; a = inbox.poll()) {
      plan(a, touched);
    }
    touched.forEach(this::flush);
  }

  private void plan(Accepted a, Set<MemberId> touched) {
    Intake.Origin origin = a.origin();
    MemberId author = a.entry().entry().member();
    List<MemberId> candidates = new ArrayList<>();
    if (origin == null || options.push() == SyncOptions.PushMode.FLOOD) {
      candidates.addAll(peers.activeIds());
    } else {
      candidates.addAll(origin.relay());
    }
    candidates.remove(self);
    candidates.remove(author);
    if (origin != null) {
      candidates.remove(origin.source());
    }
    distribute(author, a.entry().envelope().toJson(), candidates, touched);
  }

  private void distribute(MemberId author, byte[] envelope, List<MemberId> candidates, Set<MemberId> touched) {
    List<MemberId> ranked = peers.ranked(candidates);
    List<MemberId> reachable = new ArrayList<>();
    List<MemberId> backingOff = new ArrayList<>();
    for (MemberId m : ranked) {
      (peers.get(m).map(PeerState::available).orElse(false) ? reachable : backingOff).add(m);
    }
    if (options.push() == SyncOptions.PushMode.FLOOD) {
      reachable.forEach(t -> enqueue(t, author, new PeerMessages.Pushed(envelope, List.of()), touched));
      return;
    }
    int k = Math.min(options.fanout(), reachable.size());
    if (k == 0) {
      // No peer to relay through: those that only asked to wait (429) get the entry when the wait
      // is over; those that fail get it by anti-entropy.
      backingOff.stream().filter(m -> peers.get(m).map(s -> s.busyForMillis() > 0).orElse(false))
          .forEach(m -> enqueue(m, author, new PeerMessages.Pushed(envelope, List.of()), touched));
      return;
    }
    List<List<MemberId>> relay = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      relay.add(new ArrayList<>());
    }
    List<MemberId> rest = new ArrayList<>(reachable.subList(k, reachable.size()));
    rest.addAll(backingOff);
    for (int i = 0; i < rest.size(); i++) {
      relay.get(i % k).add(rest.get(i));
    }
    for (int i = 0; i < k; i++) {
      enqueue(reachable.get(i), author, new PeerMessages.Pushed(envelope, relay.get(i)), touched);
    }
  }

  private void enqueue(MemberId target, MemberId author, PeerMessages.Pushed pushed, Set<MemberId> touched) {
    PushQueue q = queues.computeIfAbsent(target, t -> new PushQueue(MAX_QUEUE, options.maxBodyBytes()));
    switch (q.offer(PushQueue.Item.of(author, pushed))) {
      case QUEUED -> touched.add(target);
      case FULL -> LOG.fine(() -> "push queue to " + target + " is full; anti-entropy will deliver");
      case TOO_LARGE -> LOG.warning(() -> "an entry of " + author + " is larger than a push body may be ("
          + options.maxBodyBytes() + " bytes, peer.max_body_bytes); it is not pushed to " + target);
    }
  }

  private void requeue(MemberId target, List<PushQueue.Item> batch) {
    List<PushQueue.Item> again = batch.stream()
        .map(item -> PushQueue.Item.of(item.author(), new PeerMessages.Pushed(item.pushed().envelope(), List.of())))
        .toList();
    if (!queues.get(target).requeue(again)) {
      LOG.fine(() -> "push queue to " + target + " is full; anti-entropy will deliver " + batch.size() + " entries");
    }
  }

  /** Sends what is queued for {@code target}, as far as the pushes in flight to it allow. */
  private void flush(MemberId target) {
    PushQueue q = queues.get(target);
    if (q == null || q.isEmpty()) {
      return;
    }
    PeerState state = peers.get(target).orElse(null);
    if (state == null || state.client() == null || state.isBlocked()) {
      q.clear();
      return;
    }
    long busy = state.busyForMillis();
    if (busy > 0) {
      wakeAfter(target, busy);
      return;
    }
    Set<MemberId> authors = authorsInFlight.computeIfAbsent(target, t -> new HashSet<>());
    while (inFlight.getOrDefault(target, 0) < MAX_IN_FLIGHT) {
      List<PushQueue.Item> batch = q.take(authors, Math.max(1, options.batch() >> state.shrink()),
          options.maxBodyBytes() >> state.shrink());
      if (batch.isEmpty()) {
        return;
      }
      send(target, state, batch, authors);
    }
  }

  /** Flushes {@code target}'s queue once {@code delayMs} have passed (one timer per target). */
  private void wakeAfter(MemberId target, long delayMs) {
    if (waking.add(target)) {
      context.owner().setTimer(Math.max(1, delayMs), id -> context.runOnContext(v -> {
        waking.remove(target);
        flush(target);
      }));
    }
  }

  private void send(MemberId target, PeerState state, List<PushQueue.Item> batch, Set<MemberId> inFlightAuthors) {
    Set<MemberId> authors = new HashSet<>();
    batch.forEach(item -> authors.add(item.author()));
    inFlightAuthors.addAll(authors);
    inFlight.merge(target, 1, Integer::sum);
    state.client().post("/peer/v1/entries", PeerMessages.encodePush(batch.stream().map(PushQueue.Item::pushed).toList()))
        .onComplete(ar -> {
          inFlight.merge(target, -1, Integer::sum);
          inFlightAuthors.removeAll(authors);
          Set<MemberId> touched = new LinkedHashSet<>();
          touched.add(target);
          if (ar.succeeded()) {
            state.success();
            state.batchInTime();
            state.sent(batch.size());
          } else {
            LOG.fine(() -> "push of " + batch.size() + " entries to " + target + " failed: " + ar.cause().getMessage());
            state.failed(ar.cause());
            for (PushQueue.Item item : batch) {
              if (!item.pushed().relay().isEmpty()) {
                distribute(item.author(), item.pushed().envelope(), item.pushed().relay(), touched);
              }
            }
            if (PeerException.isBusy(ar.cause())) {
              // The peer is up and asked us to wait: its entries go again when the wait is over
              // (flush waits for it). Their relay sets do not wait with them: others took them above.
              requeue(target, batch);
            }
          }
          touched.forEach(this::flush);
        });
  }
}
