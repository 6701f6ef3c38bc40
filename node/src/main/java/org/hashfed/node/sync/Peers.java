package org.hashfed.node.sync;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * The other active members' nodes, as the current roster lists them, with their local state;
 * picks peers for push and anti-entropy, preferring well-scored peers that are not backing off.
 */
final class Peers {

  private final Vertx vertx;
  /** The sync engine's event loop, where the peer clients run their requests. */
  private final TlsIdentity tls;
  private final RosterBook book;
  private final MemberId self;
  private final SyncOptions options;
  private final Clock clock;
  private final Map<MemberId, PeerState> states = new ConcurrentHashMap<>();

  Peers(Vertx vertx, TlsIdentity tls, RosterBook book, MemberId self, SyncOptions options, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.tls = tls;
    this.book = book;
    this.self = self;
    this.options = options;
    refresh();
  }

  /** Whether the current roster pins this fingerprint for an active member. */
  boolean pinsActive(TlsFingerprint fp) {
    Roster r = book.current().roster();
    return r.memberByFingerprint(fp.hex()).map(MemberRecord::isActive).orElse(false);
  }

  /** Whether the current roster pins this fingerprint for a member that is not removed (a server this node may call). */
  boolean pinsListed(TlsFingerprint fp) {
    Roster r = book.current().roster();
    return r.memberByFingerprint(fp.hex()).map(m -> m.status() != MemberStatus.REMOVED).orElse(false);
  }

  /**
   * Re-reads the roster: clients for new or changed members, none for removed ones. A suspended
   * member keeps its client only so that it can be told of the roster that suspended it.
   */
  synchronized void refresh() {
    Roster r = book.current().roster();
    for (MemberRecord m : r.members()) {
      if (m.id().equals(self)) {
        continue;
      }
      PeerState s = states.computeIfAbsent(m.id(), id -> new PeerState(id, options.rateLimit(), clock));
      String key = m.peerUrl() + " " + m.tlsFingerprint();
      boolean callable = m.status() != MemberStatus.REMOVED;
      if (callable && !key.equals(s.clientKey())) {
        PeerClient old = s.replaceClient(PeerClient.create(vertx, tls, m.peerUrl(), m.tlsFingerprint(),
            this::pinsListed, options.timeout(), options.maxBodyBytes()), key);
        if (old != null) {
          old.close();
        }
      } else if (!callable && s.client() != null) {
        s.replaceClient(null, null).close();
      }
    }
  }

  /** The state of a listed member's node, if it is a peer. */
  Optional<PeerState> get(MemberId member) {
    return Optional.ofNullable(states.get(member));
  }

  /** Every peer state, active or not. */
  Collection<PeerState> all() {
    return states.values();
  }

  /** The active peers' ids, in roster order, without this node. */
  List<MemberId> activeIds() {
    List<MemberId> out = new ArrayList<>();
    for (MemberRecord m : book.current().roster().activeMembers()) {
      if (!m.id().equals(self) && states.containsKey(m.id())) {
        out.add(m.id());
      }
    }
    return out;
  }

  /**
   * {@code candidates} in the order to use them: peers that are not backing off and not badly
   * scored first, in random order, then the others.
   */
  List<MemberId> ranked(Collection<MemberId> candidates) {
    List<MemberId> good = new ArrayList<>();
    List<MemberId> rest = new ArrayList<>();
    for (MemberId m : candidates) {
      PeerState s = states.get(m);
      if (s == null || s.client() == null || s.isBlocked() || !book.current().roster().isActive(m)) {
        continue;
      }
      (s.available() && !s.isBad() ? good : rest).add(m);
    }
    Collections.shuffle(good, ThreadLocalRandom.current());
    Collections.shuffle(rest, ThreadLocalRandom.current());
    good.addAll(rest);
    return good;
  }

  /**
   * One peer for an anti-entropy round: a random available well-scored peer; a badly scored one
   * only one round in ten, so a peer that recovered can earn its score back.
   */
  Optional<PeerState> pickForAntiEntropy(Set<MemberId> exclude) {
    List<PeerState> good = new ArrayList<>();
    List<PeerState> bad = new ArrayList<>();
    for (MemberId m : activeIds()) {
      PeerState s = states.get(m);
      if (exclude.contains(m) || s.client() == null || !s.available()) {
        continue;
      }
      (s.isBad() ? bad : good).add(s);
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    if (!bad.isEmpty() && (good.isEmpty() || rnd.nextInt(10) == 0)) {
      return Optional.of(bad.get(rnd.nextInt(bad.size())));
    }
    return good.isEmpty() ? Optional.empty() : Optional.of(good.get(rnd.nextInt(good.size())));
  }

  void close() {
    for (PeerState s : states.values()) {
      PeerClient c = s.replaceClient(null, null);
      if (c != null) {
        c.close();
      }
    }
  }
}
