package org.hashfed.node.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.events.AdminEvents;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.EquivocationEvidence;

/**
 * Equivocation evidence this node holds (metadata keys {@code evidence/<member>/<seq>}) and the
 * members whose new entries it holds back until an operator releases them ({@code held/<member>}).
 */
final class EvidenceBook {

  private static final Logger LOG = Logger.getLogger(EvidenceBook.class.getName());
  private static final String EVIDENCE = "evidence/";
  private static final String HELD = "held/";

  private final Store store;
  private final Map<String, EquivocationEvidence> evidence = new ConcurrentHashMap<>();
  private final Set<MemberId> held = ConcurrentHashMap.newKeySet();
  private final List<java.util.function.Consumer<EquivocationEvidence>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private final Clock clock;

  private EvidenceBook(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Loads the stored evidence, re-verifying each against the member's keys in the roster history; blocking. */
  static EvidenceBook load(Store store, RosterBook book, Clock clock) {
    EvidenceBook b = new EvidenceBook(store, clock);
    for (Map.Entry<String, byte[]> e : store.metaWithPrefix(EVIDENCE).entrySet()) {
      String[] parts = e.getKey().split("/");
      MemberId member = MemberId.parse(parts[1]);
      b.evidence.put(key(member, Long.parseLong(parts[2])), parseWithAnyKey(e.getValue(), member, book)
          .orElseThrow(() -> new StoreException("stored evidence " + e.getKey() + " does not verify with any key of "
              + member + " in the roster history")));
    }
    for (String k : store.metaWithPrefix(HELD).keySet()) {
      b.held.add(MemberId.parse(k.substring(HELD.length())));
    }
    return b;
  }

  /** Parses and verifies evidence JSON with each key the roster history ever gave the member. */
  static Optional<EquivocationEvidence> parseWithAnyKey(byte[] json, MemberId member, RosterBook book) {
    for (Ed25519PublicKey k : keysOf(member, book)) {
      try {
        return Optional.of(EquivocationEvidence.parse(json, k));
      } catch (Exception e) {
        LOG.fine(() -> "evidence does not verify with key " + k.keyId() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static List<Ed25519PublicKey> keysOf(MemberId member, RosterBook book) {
    List<Ed25519PublicKey> keys = new ArrayList<>();
    book.all().forEach(v -> v.roster().memberKey(member).filter(k -> !keys.contains(k)).ifPresent(keys::add));
    return keys;
  }

  static String key(MemberId member, long seq) {
    return member.value() + "/" + seq;
  }

  /** Stores new evidence and holds the member; blocking. Returns false when it was already held. */
  boolean record(EquivocationEvidence e) {
    String k = key(e.member(), e.seq());
    if (evidence.containsKey(k)) {
      return false;
    }
    store.commit(StoreWrite.create()
        .putMeta(EVIDENCE + e.member().value() + "/" + String.format("%016d", e.seq()), e.toJson())
        .putMeta(HELD + e.member().value(), "1".getBytes(StandardCharsets.UTF_8))
        .appendEvent(AdminEvents.evidenceRecorded(e, clock.instant())));
    evidence.put(k, e);
    held.add(e.member());
    listeners.forEach(l -> l.accept(e));
    LOG.warning(() -> "equivocation by member " + e.member() + " at seq " + e.seq() + ": " + e.first().id() + " vs "
        + e.second().id() + "; its new entries are held until an operator releases them");
    return true;
  }

  /** Calls {@code listener} on the recording thread with each new evidence once stored. */
  void onRecord(java.util.function.Consumer<EquivocationEvidence> listener) {
    listeners.add(listener);
  }

  /** Releases a held member: its new entries are accepted again (the evidence stays); blocking. */
  boolean release(MemberId member) {
    if (!held.remove(member)) {
      return false;
    }
    store.commit(StoreWrite.create().deleteMeta(HELD + member.value()));
    LOG.warning(() -> "operator released member " + member + " after equivocation");
    return true;
  }

  boolean isHeld(MemberId member) {
    return held.contains(member);
  }

  Set<MemberId> heldMembers() {
    return Set.copyOf(held);
  }

  Optional<EquivocationEvidence> get(String key) {
    return Optional.ofNullable(evidence.get(key));
  }

  /** Keys {@code member/seq} of all evidence, sorted. */
  List<String> keys() {
    return List.copyOf(new TreeMap<>(evidence).keySet());
  }

  /** All evidence, by key. */
  Map<String, EquivocationEvidence> all() {
    return new TreeMap<>(evidence);
  }

  int size() {
    return evidence.size();
  }
}
