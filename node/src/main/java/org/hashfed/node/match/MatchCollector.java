package org.hashfed.node.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gathers matches in any order and hands back the first {@code limit} in match order; with their
 * hashes only when asked for them, so that a plain search allocates nothing more per match.
 */
final class MatchCollector {

  private final boolean withHashes;
  private final ArrayList<PdqMatch> matches = new ArrayList<>();
  private final ArrayList<PdqHit> hits = new ArrayList<>();

  private MatchCollector(boolean withHashes) {
    this.withHashes = withHashes;
  }

  /** A collector of matches. */
  static MatchCollector matches() {
    return new MatchCollector(false);
  }

  /** A collector of matches with the hashes they matched. */
  static MatchCollector hits() {
    return new MatchCollector(true);
  }

  void add(HashStore.View view, int slot, int distance) {
    PdqMatch m = new PdqMatch(view.ref(slot), distance);
    if (withHashes) {
      hits.add(new PdqHit(m, view.hash(slot)));
    } else {
      matches.add(m);
    }
  }

  List<PdqMatch> sortedFirst(int limit) {
    Collections.sort(matches);
    List<PdqMatch> first = matches.size() > limit ? matches.subList(0, limit) : matches;
    return List.copyOf(first);
  }

  List<PdqHit> sortedHits() {
    Collections.sort(hits);
    return List.copyOf(hits);
  }
}
