package org.hashfed.node.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;

/**
 * Derives a member's tally and contested submissions from its stored feed, newest first, down to
 * the window's first day (feed times never decrease): the one-time rebuild of a store written
 * before the tallies existed, and the reference the incremental tallies are tested against.
 */
final class DisputeScan {

  /** What the scan found: the tally of the window, and its contested submissions, newest first. */
  record Result(MemberTally tally, List<Contested> contested) {}

  private final Store store;
  private final OpinionBook book;

  DisputeScan(Store store, OpinionBook book) {
    this.store = store;
    this.book = book;
  }

  /** Scans {@code member}'s submissions after seq {@code afterSeq} whose day is {@code firstDay} or later; blocking. */
  Result scan(MemberId member, long firstDay, long afterSeq) {
    Set<EntryId> retracted = new HashSet<>();
    Map<EntryId, List<Label>> relabelled = new HashMap<>();
    List<Contested> contested = new ArrayList<>();
    MemberTally tally = MemberTally.empty(afterSeq);
    for (long seq = store.feedHead(member.value()); seq > afterSeq; seq--) {
      Optional<byte[]> id = store.feedEntry(member.value(), seq);
      if (id.isEmpty()) {
        break;
      }
      EntryId entryId = EntryId.ofDigest(id.get());
      long at = seq;
      Entry e = load(store, entryId).orElseThrow(() ->
          new StoreException("feed " + member + " seq " + at + " names entry " + entryId + " with no envelope"));
      if (DisputeTally.day(e.time()) < firstDay) {
        break;
      }
      if (e.body() instanceof Retract r) {
        retracted.add(r.target());
      } else if (e.body() instanceof Relabel r) {
        relabelled.putIfAbsent(r.target(), r.labels());
      } else if (e.body() instanceof Submit s && !retracted.contains(entryId)) {
        tally = tally.plus(DisputeTally.day(e.time()));
        if (disagreed(entryId, member)) {
          contested.add(new Contested(entryId, member, seq, e.time(), relabelled.getOrDefault(entryId, s.labels())));
        }
      }
    }
    return new Result(tally, contested);
  }

  private boolean disagreed(EntryId target, MemberId member) {
    return book.on(target, member).containsValue(Stance.DISAGREE);
  }

  /** The stored entry {@code id}, if stored; blocking. */
  static Optional<Entry> load(Store store, EntryId id) {
    Optional<byte[]> envelope = store.envelope(id.bytes());
    if (envelope.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Entry.parse(Envelope.parse(envelope.get()).payload()));
    } catch (EnvelopeFormatException | EntryFormatException e) {
      throw new StoreException("stored entry " + id + " does not parse: " + e.getMessage(), e);
    }
  }

  /** The first instant of epoch day {@code day}. */
  static Instant startOf(long day) {
    return Instant.ofEpochSecond(day * DisputeTally.SECONDS_PER_DAY);
  }
}
