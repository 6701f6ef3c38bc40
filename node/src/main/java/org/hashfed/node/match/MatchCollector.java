package org.hashfed.node.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Gathers matches in any order and hands back the first {@code limit} in match order. */
final class MatchCollector {

  private final ArrayList<PdqMatch> matches = new ArrayList<>();

  void add(long ref, int distance) {
    matches.add(new PdqMatch(ref, distance));
  }

  List<PdqMatch> sortedFirst(int limit) {
    Collections.sort(matches);
    List<PdqMatch> first = matches.size() > limit ? matches.subList(0, limit) : matches;
    return List.copyOf(first);
  }
}
