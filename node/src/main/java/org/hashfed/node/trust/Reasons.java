package org.hashfed.node.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Readable lines that say why a member's level is what it is, for {@code hashfed trust explain}. */
final class Reasons {

  private Reasons() {}

  static List<String> of(MemberTrust t, TrustSettings settings, DisputeStats stats, List<TrustEvent> history) {
    List<String> out = new ArrayList<>();
    MemberPolicy p = t.policy();
    if (t.own()) {
      out.add("this node's own member: always trusted");
      return out;
    }
    Optional<TrustEvent> lastSet = last(history, TrustEvent.Action.SET);
    if (p.configured().isPresent()) {
      out.add("level " + p.configured().get().wireName() + " set by an operator"
          + lastSet.map(e -> " at " + e.time() + e.reason().map(r -> " (" + r + ")").orElse("")).orElse(""));
    } else {
      out.add("not configured: the default level " + settings.defaultLevel().wireName() + " (trust.default_level)");
    }
    if (!p.overrides().isEmpty()) {
      out.add("label overrides (most specific wins, the lowest over a submission's labels counts): "
          + p.overrides().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().wireName())
              .collect(Collectors.joining(", ")));
    }
    if (p.demotions() > 0) {
      Optional<TrustEvent> lastDemotion = last(history, TrustEvent.Action.DEMOTE);
      out.add("automatically demoted " + p.demotions() + (p.demotions() == 1 ? " level" : " levels")
          + lastDemotion.map(e -> ", last at " + e.time() + ": " + e.reason().orElse("")).orElse("")
          + "; an operator can undo it with restore");
    }
    out.add(p.pinned() ? "pinned: automatic demotion is off" : "not pinned: automatic demotion applies");
    out.add(String.format(Locale.ROOT,
        "window since %s, after feed seq %d (the last level change): %d of %d submissions disputed by at least %d members at %s or above (%.1f%%); "
            + "demotion needs at least %d submissions and %.1f%%: %s",
        stats.windowStart(), stats.afterSeq(), stats.disputed(), stats.submissions(), stats.minDisputers(),
        stats.disputerLevel().wireName(), 100 * stats.share(), stats.minSubmissions(), 100 * stats.shareThreshold(),
        stats.meetsThreshold() ? "threshold met" : "below the threshold"));
    return out;
  }

  private static Optional<TrustEvent> last(List<TrustEvent> history, TrustEvent.Action action) {
    Optional<TrustEvent> found = Optional.empty();
    for (TrustEvent e : history) {
      if (e.action() == action) {
        found = Optional.of(e);
      }
    }
    return found;
  }
}
