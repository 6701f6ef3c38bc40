package org.hashfed.node.sync;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.OwnFeedGate;
import org.hashfed.node.peer.PeerException;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.roster.RosterVerificationException;

/**
 * Anti-entropy: every period, exchange head vectors with one random peer and fetch, member by
 * member and in bounded batches, what it has and this node lacks; also roster versions and
 * evidence. Also fetches the gap before out-of-order entries. Coordination runs on one context;
 * parsing and validation on the worker.
 */
final class AntiEntropy {

  private record Fetched(int got, Intake.Result result) {}

  private static final Logger LOG = Logger.getLogger(AntiEntropy.class.getName());
  /** Most batches fetched for one member in one round, so one peer cannot keep a round busy for ever. */
  private static final int MAX_BATCHES = 64;

  private final Context context;
  private final WorkerExecutor worker;
  private final Peers peers;
  private final Intake intake;
  private final EvidenceBook evidence;
  private final RosterBook book;
  private final Supplier<Ledger> ledger;
  private final MemberId self;
  private final SyncOptions options;
  private final Consumer<List<EquivocationEvidence>> relayEvidence;
  private final Function<Buffer, Future<Long>> rosterVersions;
  private final OwnFeedGate ownFeed;
  private final Set<MemberId> fetching = new HashSet<>();
  private boolean roundRunning;

  AntiEntropy(Context context, WorkerExecutor worker, Peers peers, Intake intake, EvidenceBook evidence,
      RosterBook book, Supplier<Ledger> ledger, MemberId self, SyncOptions options,
      Consumer<List<EquivocationEvidence>> relayEvidence, Function<Buffer, Future<Long>> rosterVersions,
      OwnFeedGate ownFeed) {
    this.context = context;
    this.worker = worker;
    this.peers = peers;
    this.intake = intake;
    this.evidence = evidence;
    this.book = book;
    this.ledger = ledger;
    this.self = self;
    this.options = options;
    this.relayEvidence = relayEvidence;
    this.rosterVersions = rosterVersions;
    this.ownFeed = ownFeed;
  }

  /** This node's head vector, evidence keys and roster version. */
  PeerMessages.Heads localHeads() {
    Map<MemberId, Long> heads = new TreeMap<>();
    Map<MemberId, String> ids = new TreeMap<>();
    Ledger l = ledger.get();
    if (l != null) {
      for (String text : l.entriesByMember().keySet()) {
        MemberId m = MemberId.parse(text);
        FeedState s = l.feed(m);
        heads.put(m, s.lastSeq());
        s.lastId().ifPresent(id -> ids.put(m, id.hex()));
      }
    }
    return new PeerMessages.Heads(heads, ids, evidence.keys(), book.current().roster().version());
  }

  /** One round with a random peer; skipped while the previous round runs. Call on the context. */
  void round() {
    if (roundRunning || ledger.get() == null) {
      return;
    }
    peers.pickForAntiEntropy(Set.of()).ifPresent(p -> {
      roundRunning = true;
      p.client().post("/peer/v1/heads", PeerMessages.encodeHeads(localHeads()))
          .compose(body -> worker.executeBlocking(() -> PeerMessages.decodeHeads(body), false))
          .onComplete(ar -> {
            roundRunning = false;
            if (ar.succeeded()) {
              p.success();
              reconcile(p, ar.result());
            } else {
              failed(p, ar.cause(), "heads exchange");
            }
          });
    });
  }

  /** Fetches from {@code p} whatever its heads show that this node lacks. Call on the context. */
  void reconcile(PeerState p, PeerMessages.Heads theirs) {
    PeerMessages.Heads mine = localHeads();
    long behind = 0;
    for (Map.Entry<MemberId, Long> e : mine.heads().entrySet()) {
      behind += Math.max(0, e.getValue() - theirs.heads().getOrDefault(e.getKey(), 0L));
    }
    p.lag(behind);
    if (theirs.rosterVersion() > mine.rosterVersion()) {
      p.client().get("/peer/v1/roster?from=" + (mine.rosterVersion() + 1))
          .onFailure(e -> failed(p, e, "roster fetch"))
          .compose(rosterVersions)
          .onFailure(e -> {
            if (e instanceof RosterVerificationException || e instanceof EnvelopeFormatException
                || e instanceof IllegalArgumentException) {
              // Its heads claimed a newer roster and what it served does not verify.
              p.invalid(1);
            }
          });
    }
    for (String key : theirs.evidence()) {
      if (evidence.get(key).isEmpty()) {
        fetchEvidence(p, key);
      }
    }
    long ownHead = mine.heads().getOrDefault(self, 0L);
    long theirOwnHead = theirs.heads().getOrDefault(self, 0L);
    if (theirOwnHead > ownHead && !evidence.isHeld(self)) {
      // The peer holds entries this member signed that this node lost: fetch them back before the
      // gate lets the node sign at its stale head.
      LOG.warning(() -> "peer " + p.member() + " holds this member's feed up to " + theirOwnHead + ", this node only up to "
          + ownHead + ": fetching the missing own entries");
      fetch(p, self, 0, theirOwnHead);
    } else {
      ownFeed.confirm(p.member().value(), ownHead, theirOwnHead);
    }
    theirs.heads().forEach((m, seq) -> {
      long own = mine.heads().getOrDefault(m, 0L);
      if (m.equals(self) || evidence.isHeld(m)) {
        return;
      }
      if (seq > own) {
        fetch(p, m, 0, seq);
      } else if (seq == own && own > 0 && theirs.ids().containsKey(m) && !theirs.ids().get(m).equals(mine.ids().get(m))) {
        probe(p, m, own);
      }
    });
  }

  /** Fetches the missing entries before a member's out-of-order entries from the peer that sent them. */
  void fetchGap(PeerState p, MemberId member) {
    fetch(p, member, 0, 0);
  }

  /**
   * Fetches batches of a member's feed from the head on; {@code claimedHead} is the head the peer's
   * heads promised (0 for a gap fetch, where the peer promised nothing).
   */
  private void fetch(PeerState p, MemberId member, int batches, long claimedHead) {
    if (batches == 0 && !fetching.add(member)) {
      return;
    }
    if (batches >= MAX_BATCHES || p.client() == null || ledger.get() == null) {
      fetching.remove(member);
      return;
    }
    long from = ledger.get().feed(member).lastSeq() + 1;
    int limit = Math.max(1, options.batch() >> p.shrink());
    p.client().get("/peer/v1/feeds/" + member.value() + "?from=" + from + "&limit=" + limit)
        .compose(body -> worker.executeBlocking(() -> {
          List<Intake.Offer> offers = new ArrayList<>();
          for (byte[] env : PeerMessages.decodeEnvelopes(body, "entries", "feed response")) {
            offers.add(new Intake.Offer(env, List.of()));
          }
          p.received(offers.size());
          return offers;
        }, false))
        .compose(offers -> intake.offer(p.member(), offers, false).map(r -> new Fetched(offers.size(), r)))
        .onComplete(ar -> {
          if (ar.failed()) {
            fetching.remove(member);
            failed(p, ar.cause(), "feed fetch of " + member);
            return;
          }
          int got = ar.result().got();
          Intake.Result r = ar.result().result();
          p.batchInTime();
          score(p, r);
          if (claimedHead > 0 && batches == 0 && got == 0) {
            // Feeds only grow: a peer whose heads promised entries and that serves none lied.
            p.invalid(1);
          } else if (got > 0 && r.accepted() + r.duplicates() + r.rejected() + r.held() == 0) {
            // Asked from this node's head + 1, an honest peer's answer starts there (or is already
            // held): one made only of entries further ahead keeps this node's gap open for ever.
            p.invalid(1);
          }
          relayEvidence.accept(r.newEvidence());
          if (batches == 0 && r.accepted() == 0 && r.rejected() > 0 && from > 1) {
            // A first entry that does not chain onto this node's head may mean the member forked
            // the feed at or before the head: fetching the peer's entry at the head proves it.
            probe(p, member, from - 1);
          }
          // A full batch may have more behind it; so may a shorter one while the peer's promised
          // head is not reached (it keeps each response within the body limit).
          if (r.accepted() > 0 && (got == limit || ledger.get().feed(member).lastSeq() < claimedHead)) {
            fetch(p, member, batches + 1, claimedHead);
          } else {
            fetching.remove(member);
          }
        });
  }

  /** Fetches the peer's entry at one seq this node also holds, to compare: the same entry or an equivocation. */
  private void probe(PeerState p, MemberId member, long seq) {
    p.client().get("/peer/v1/feeds/" + member.value() + "?from=" + seq + "&limit=1")
        .compose(body -> worker.executeBlocking(() -> {
          List<Intake.Offer> offers = new ArrayList<>();
          for (byte[] env : PeerMessages.decodeEnvelopes(body, "entries", "feed response")) {
            offers.add(new Intake.Offer(env, List.of()));
          }
          return offers;
        }, false))
        .compose(offers -> intake.offer(p.member(), offers, false))
        .onComplete(ar -> {
          if (ar.failed()) {
            failed(p, ar.cause(), "probe of " + member + "#" + seq);
          } else {
            relayEvidence.accept(ar.result().newEvidence());
          }
        });
  }

  private void fetchEvidence(PeerState p, String key) {
    MemberId member = MemberId.parse(key.substring(0, key.indexOf('/')));
    p.client().get("/peer/v1/evidence/" + key)
        .compose(body -> worker.executeBlocking(() -> intake.offerEvidence(body.getBytes(), member), false))
        .onComplete(ar -> {
          if (ar.failed()) {
            failed(p, ar.cause(), "evidence fetch " + key);
          } else {
            ar.result().ifPresent(e -> relayEvidence.accept(List.of(e)));
          }
        });
  }

  static void score(PeerState p, Intake.Result r) {
    if (r.rejected() > 0) {
      p.invalid(r.rejected());
    } else {
      p.success();
    }
  }

  private void failed(PeerState p, Throwable cause, String what) {
    if (cause instanceof PeerException pe && pe.kind() == PeerException.Kind.PROTOCOL
        || cause instanceof IllegalArgumentException) {
      p.invalid(1);
    }
    p.failed(cause);
    LOG.fine(() -> what + " with " + p.member() + " failed: " + cause);
  }
}
