package org.hashfed.node.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of event in the local event log; admin-only kinds are never shown to other keys. */
public enum EventType {
  /** A signal became matchable on this node (stored, or its member's trust rose above blocked). */
  SIGNAL_ADDED("signal.added", false),
  /** A signal stopped being matchable: retracted, or its member blocked. */
  SIGNAL_REMOVED("signal.removed", false),
  /** A signal's member replaced its labels. */
  SIGNAL_RELABELLED("signal.relabelled", false),
  /** A signal's trust or confidence changed: an opinion, or a change of a member's trust. */
  SIGNAL_CONFIDENCE_CHANGED("signal.confidence_changed", false),
  /**
   * A signal that became matchable, or was relabelled or re-judged, matches content a platform
   * recorded with {@code POST /v1/watch} within the watch window.
   */
  RETRO_MATCH("retro.match", false),
  /** Proof that a member signed two entries with one seq (admins only). */
  EVIDENCE_RECORDED("evidence.recorded", true),
  /** A peer failed several exchanges in a row (admins only). */
  PEER_UNREACHABLE("peer.unreachable", true),
  /** A peer that was unreachable answered again (admins only). */
  PEER_RECOVERED("peer.recovered", true);

  private final String wireName;
  private final boolean adminOnly;

  EventType(String wireName, boolean adminOnly) {
    this.wireName = wireName;
    this.adminOnly = adminOnly;
  }

  /** Whether only admin keys (and webhooks, which admins make) see events of this type. */
  public boolean adminOnly() {
    return adminOnly;
  }

  /** The name on the wire, e.g. {@code signal.added}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type named {@code name}.
   *
   * @throws IllegalArgumentException naming the value and the known types
   */
  public static EventType parse(String name) {
    for (EventType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event type \"" + name + "\" (expected: one of "
        + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", ")) + ")");
  }
}
