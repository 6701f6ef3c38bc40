package org.hashfed.node.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.SignalType;

/**
 * Which events a reader wants: event types, signal types, and the match filter (labels, minimum
 * trust and confidence, observed members) with the semantics of {@code /v1/match}.
 *
 * <p>A change is shown when the signal passes the filter before or after it, so a reader learns
 * when a signal enters or leaves what it asked for: a confidence change or relabel of a signal
 * the reader never saw added is an upsert (it carries the whole signal). A removal is judged on
 * the signal's last trust and labels, not its confidence.
 */
public final class EventFilter {

  private final Set<EventType> types;
  private final Set<SignalType> signalTypes;
  private final MatchFilter match;

  private EventFilter(Set<EventType> types, Set<SignalType> signalTypes, MatchFilter match, boolean admin) {
    this.types = EnumSet.noneOf(EventType.class);
    for (EventType t : types.isEmpty() ? EnumSet.allOf(EventType.class) : types) {
      if (admin || !t.adminOnly()) {
        this.types.add(t);
      }
    }
    this.signalTypes = signalTypes.isEmpty() ? EnumSet.allOf(SignalType.class) : EnumSet.copyOf(signalTypes);
    this.match = match;
  }

  /**
   * A filter; empty sets mean every type. Admin-only event types pass only for an {@code admin}
   * reader, and the signal filters do not apply to them.
   */
  public static EventFilter of(Set<EventType> types, Set<SignalType> signalTypes, MatchFilter match, boolean admin) {
    return new EventFilter(types, signalTypes, match, admin);
  }

  /** Every event type a non-admin sees and every signal type, with the default match filter (no observed members). */
  public static EventFilter defaults() {
    return new EventFilter(Set.of(), Set.of(), MatchFilter.defaults(), false);
  }

  /** Whether a stored event (type, time, data) passes. */
  boolean admits(JsonObject event) {
    EventType type = EventType.parse(event.getString("type"));
    if (!types.contains(type)) {
      return false;
    }
    if (type.adminOnly()) {
      return true;
    }
    JsonObject data = event.getJsonObject("data");
    if (!signalTypes.contains(SignalType.parse(data.getJsonObject("signal").getString("type")))) {
      return false;
    }
    boolean now = admits(data, "trust", "labels", "confidence", type != EventType.SIGNAL_REMOVED);
    return now || (data.containsKey("previous_trust")
        && admits(data, "previous_trust", data.containsKey("previous_labels") ? "previous_labels" : "labels",
            "previous_confidence", true));
  }

  private boolean admits(JsonObject data, String trust, String labels, String confidence, boolean checkConfidence) {
    return match.admits(TrustLevel.parse(data.getString(trust)), labels(data.getJsonArray(labels)))
        && (!checkConfidence || match.admits(data.getDouble(confidence)));
  }

  private static List<Label> labels(JsonArray a) {
    List<Label> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(Label.parse(a.getString(i)));
    }
    return out;
  }
}
