package org.hashfed.node.trust;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Stance;

/**
 * The opinions in force: for each target submission, the latest opinion of each member. An
 * opinion may arrive before its target (feeds travel independently); it counts once the target does.
 */
final class OpinionBook {

  /** One member's latest opinion on a target; {@code targetMember} is checked against the target's author. */
  record Held(Stance stance, MemberId targetMember) {}

  private final Map<EntryId, Map<MemberId, Held>> byTarget = new ConcurrentHashMap<>();

  /** Records {@code author}'s opinion, replacing its earlier one on the same target (feeds apply in order). */
  void apply(MemberId author, Opinion o) {
    apply(author, o.target(), o.targetMember(), o.stance());
  }

  /** As {@link #apply(MemberId, Opinion)}, from the parts of an opinion the start-up replay keeps. */
  void apply(MemberId author, EntryId target, MemberId targetMember, Stance stance) {
    byTarget.compute(target, (t, held) -> {
      Map<MemberId, Held> next = held == null ? new TreeMap<>() : new TreeMap<>(held);
      next.put(author, new Held(stance, targetMember));
      return Map.copyOf(next);
    });
  }

  /** The latest opinion of each member on {@code target}, authored by {@code targetMember}'s peers. */
  Map<MemberId, Stance> on(EntryId target, MemberId targetMember) {
    Map<MemberId, Held> held = byTarget.get(target);
    if (held == null) {
      return Map.of();
    }
    Map<MemberId, Stance> out = new TreeMap<>();
    held.forEach((author, h) -> {
      if (h.targetMember().equals(targetMember) && !author.equals(targetMember)) {
        out.put(author, h.stance());
      }
    });
    return out;
  }
}
