package org.hashfed.cli.exchange;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one page of a source brought: its valid records, its malformed ones (reported and skipped),
 * how many records were of a type hashfed does not hold, and the checkpoint to resume after it.
 */
record SourcePage(List<SourceItem> items, List<Malformed> malformed, Map<String, Integer> unsupported,
    Optional<String> checkpoint) {

  /** A record that was skipped whole: which record, and what was wrong with it. */
  record Malformed(String record, String reason) {}

  SourcePage {
    items = List.copyOf(items);
    malformed = List.copyOf(malformed);
    unsupported = Collections.unmodifiableMap(new TreeMap<>(unsupported));
  }

  /** How many records the page held, valid or not. */
  int size() {
    return items.size() + malformed.size() + unsupported.values().stream().mapToInt(Integer::intValue).sum();
  }
}
