package org.hashfed.node.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Gathers matches with their hashes in any order and hands back the first {@code limit} in match order. */
final class MatchCollector {

  private final ArrayList<PdqHit> hits = new ArrayList<>();

  void add(HashStore.View view, int slot, int distance) {
    hits.add(new PdqHit(new PdqMatch(view.ref(slot), distance), view.hash(slot)));
  }

  List<PdqMatch> sortedFirst(int limit) {
    Collections.sort(hits);
    List<PdqMatch> first = new ArrayList<>(Math.min(limit, hits.size()));
    for (int i = 0; i < hits.size() && i < limit; i++) {
      first.add(hits.get(i).match());
    }
    return List.copyOf(first);
  }

  List<PdqHit> sortedHits() {
    Collections.sort(hits);
    return List.copyOf(hits);
  }
}
