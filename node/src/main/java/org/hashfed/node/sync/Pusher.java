package org.hashfed.node.sync;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * Push: forwards each newly accepted entry at once to a few peers. In tree mode (the default)
 * the node picks {@code fanout} targets and splits the remaining peers that still need the entry
 * among them as their relay sets, so on an honest network each node receives about one copy; when
 * a push fails, the sender takes over that target's relay set. All state lives on one Vert.x context.
 */
final class Pusher {

  private static final Logger LOG = Logger.getLogger(Pusher.class.getName());
  private static final int MAX_QUEUE = 10_000;
  /**
   * Pushes in flight to one peer: more than one so that a burst does not queue behind one round trip
   * per batch at every hop; an author's entries are never in two pushes at once, so each feed
   * still arrives in order.
   */
  private static final int MAX_IN_FLIGHT = 4;

  private final Context context;
  private final Peers peers;
  private final MemberId self;
  private final SyncOptions options;
  /** A queued push with the author of its entry, which orders it. */
  private record Item(MemberId author, PeerMessages.Pushed pushed) {}

  private final Map<MemberId, ArrayDeque<Item>> queues = new HashMap<>();
  private final Map<MemberId, Integer> inFlight = new HashMap<>();
  private final Map<MemberId, Set<MemberId>> authorsInFlight = new HashMap<>();

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
    byte[] envelope = entry.envelope().toJson();
    MemberId author = entry.entry().member();
    context.runOnContext(v -> {
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
      distribute(author, envelope, candidates);
    });
  }

  private void distribute(MemberId author, byte[] envelope, List<MemberId> candidates) {
    List<MemberId> ranked = peers.ranked(candidates);
    List<MemberId> reachable = new ArrayList<>();
    List<MemberId> backingOff = new ArrayList<>();
    for (MemberId m : ranked) {
      (peers.get(m).map(PeerState::available).orElse(false) ? reachable : backingOff).add(m);
    }
    if (options.push() == SyncOptions.PushMode.FLOOD) {
      reachable.forEach(t -> enqueue(t, new Item(author, new PeerMessages.Pushed(envelope, List.of()))));
      return;
    }
    int k = Math.min(options.fanout(), reachable.size());
    if (k == 0) {
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
      enqueue(reachable.get(i), new Item(author, new PeerMessages.Pushed(envelope, relay.get(i))));
    }
  }

  private void enqueue(MemberId target, Item item) {
    ArrayDeque<Item> q = queues.computeIfAbsent(target, t -> new ArrayDeque<>());
    if (q.size() >= MAX_QUEUE) {
      LOG.fine(() -> "push queue to " + target + " is full; anti-entropy will deliver");
      return;
    }
    q.add(item);
    // Deferred to a later context task, so that entries accepted together go in one push.
    context.runOnContext(v -> flush(target));
  }

  private void flush(MemberId target) {
    ArrayDeque<Item> q = queues.get(target);
    PeerState state = peers.get(target).orElse(null);
    int flying = inFlight.getOrDefault(target, 0);
    if (q == null || q.isEmpty() || flying >= MAX_IN_FLIGHT) {
      return;
    }
    if (state == null || state.client() == null) {
      q.clear();
      return;
    }
    Set<MemberId> busy = authorsInFlight.computeIfAbsent(target, t -> new HashSet<>());
    List<Item> batch = new ArrayList<>();
    Set<MemberId> authors = new HashSet<>();
    for (Iterator<Item> it = q.iterator(); it.hasNext() && batch.size() < options.batch(); ) {
      Item item = it.next();
      if (!busy.contains(item.author())) {
        it.remove();
        batch.add(item);
        authors.add(item.author());
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    busy.addAll(authors);
    inFlight.merge(target, 1, Integer::sum);
    state.client().post("/peer/v1/entries", PeerMessages.encodePush(batch.stream().map(Item::pushed).toList()))
        .onComplete(ar -> {
          inFlight.merge(target, -1, Integer::sum);
          busy.removeAll(authors);
          if (ar.succeeded()) {
            state.success();
            state.sent(batch.size());
          } else {
            LOG.fine(() -> "push of " + batch.size() + " entries to " + target + " failed: " + ar.cause().getMessage());
            state.failure();
            for (Item item : batch) {
              if (!item.pushed().relay().isEmpty()) {
                distribute(item.author(), item.pushed().envelope(), item.pushed().relay());
              }
            }
          }
          flush(target);
        });
    flush(target);
  }
}
