package org.hashfed.node.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
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
 * Counts a member's submissions in the demotion window, and the disputed ones, from its stored
 * feed: newest first, stopping at the window's start (feed times never decrease). Retracted
 * submissions do not count: correcting a mistake is what the consortium wants.
 */
final class DisputeCounter {

  private final Store store;
  private final OpinionBook book;
  private final TrustSettings settings;
  private final BiFunction<MemberId, List<Label>, TrustLevel> levels;

  DisputeCounter(Store store, OpinionBook book, TrustSettings settings,
      BiFunction<MemberId, List<Label>, TrustLevel> levels) {
    this.store = store;
    this.book = book;
    this.settings = settings;
    this.levels = levels;
  }

  /**
   * The statistics of {@code member}'s submissions from {@code start} to {@code end} that follow
   * seq {@code afterSeq} of its feed (its head at its last level change); blocking.
   */
  DisputeStats count(MemberId member, Instant start, Instant end, long afterSeq) {
    Set<EntryId> retracted = new HashSet<>();
    Map<EntryId, List<Label>> relabelled = new HashMap<>();
    List<EntryId> disputedIds = new ArrayList<>();
    int submissions = 0;
    int disputed = 0;
    for (long seq = store.feedHead(member.value()); seq > afterSeq; seq--) {
      Optional<byte[]> id = store.feedEntry(member.value(), seq);
      if (id.isEmpty()) {
        break;
      }
      Entry e = load(id.get(), member, seq);
      if (e.time().isBefore(start)) {
        break;
      }
      EntryId entryId = EntryId.parse(HexFormat.of().formatHex(id.get()));
      if (e.body() instanceof Retract r) {
        retracted.add(r.target());
      } else if (e.body() instanceof Relabel r) {
        relabelled.putIfAbsent(r.target(), r.labels());
      } else if (e.body() instanceof Submit s && !retracted.contains(entryId) && !e.time().isAfter(end)) {
        submissions++;
        List<Label> labels = relabelled.getOrDefault(entryId, s.labels());
        if (disputers(entryId, member, labels) >= settings.minDisputers()) {
          disputed++;
          if (disputedIds.size() < DisputeStats.MAX_LISTED) {
            disputedIds.add(entryId);
          }
        }
      }
    }
    return new DisputeStats(start, end, afterSeq, submissions, disputed, disputedIds, settings.minSubmissions(),
        settings.share(), settings.minDisputers(), settings.disputerLevel());
  }

  private int disputers(EntryId target, MemberId member, List<Label> labels) {
    int n = 0;
    for (Map.Entry<MemberId, Stance> o : book.on(target, member).entrySet()) {
      if (o.getValue() == Stance.DISAGREE && levels.apply(o.getKey(), labels).atLeast(settings.disputerLevel())) {
        n++;
      }
    }
    return n;
  }

  private Entry load(byte[] id, MemberId member, long seq) {
    byte[] envelope = store.envelope(id).orElseThrow(() ->
        new StoreException("feed " + member + " seq " + seq + " names an entry with no envelope"));
    try {
      return Entry.parse(Envelope.parse(envelope).payload());
    } catch (EnvelopeFormatException | EntryFormatException e) {
      throw new StoreException("stored entry " + member + "/" + seq + " does not parse: " + e.getMessage(), e);
    }
  }
}
