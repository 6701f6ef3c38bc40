package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.feed.EquivocationEvidence;

/** The stored form of admin-only events, for the features that add them to their own batches. */
public final class AdminEvents {

  private AdminEvents() {}

  /** {@code evidence.recorded}: the member, the seq and the two entries it signed for it. */
  public static byte[] evidenceRecorded(EquivocationEvidence e, Instant time) {
    JsonObject data = new JsonObject().put("member", e.member().value()).put("seq", e.seq())
        .put("first", e.first().id().hex()).put("second", e.second().id().hex());
    return event(EventType.EVIDENCE_RECORDED, data, time);
  }

  /** {@code peer.unreachable}: the peer, its failed exchanges in a row, and when it was last heard from (if ever). */
  public static byte[] peerUnreachable(String member, int failures, Instant lastContact, Instant time) {
    JsonObject data = new JsonObject().put("member", member).put("failures", failures);
    if (lastContact.toEpochMilli() > 0) {
      data.put("last_contact", EntryTime.format(EntryTime.truncate(lastContact)));
    }
    return event(EventType.PEER_UNREACHABLE, data, time);
  }

  /** {@code peer.recovered}: the peer answers again. */
  public static byte[] peerRecovered(String member, Instant time) {
    return event(EventType.PEER_RECOVERED, new JsonObject().put("member", member), time);
  }

  private static byte[] event(EventType type, JsonObject data, Instant time) {
    return new JsonObject().put("type", type.wireName()).put("time", EntryTime.format(EntryTime.truncate(time)))
        .put("data", data).toBuffer().getBytes();
  }
}
