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
    return new JsonObject().put("type", EventType.EVIDENCE_RECORDED.wireName())
        .put("time", EntryTime.format(EntryTime.truncate(time))).put("data", data).toBuffer().getBytes();
  }
}
