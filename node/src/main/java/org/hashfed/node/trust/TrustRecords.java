package org.hashfed.node.trust;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.MemberId;

/**
 * The trust policy and its event log in the store's metadata: {@code trust/member/<id>} holds a
 * member's policy, {@code trust/event/<seq>} one event, both as JSON.
 */
final class TrustRecords {

  static final String MEMBER_PREFIX = "trust/member/";
  static final String EVENT_PREFIX = "trust/event/";

  private TrustRecords() {}

  static Map<MemberId, MemberPolicy> loadPolicies(Store store) {
    Map<MemberId, MemberPolicy> out = new LinkedHashMap<>();
    store.metaWithPrefix(MEMBER_PREFIX).forEach((key, value) -> {
      try {
        out.put(MemberId.parse(key.substring(MEMBER_PREFIX.length())), TrustJson.policy(json(value)));
      } catch (RuntimeException e) {
        throw new StoreException("stored trust policy " + key + " does not parse: " + e.getMessage(), e);
      }
    });
    return out;
  }

  static List<TrustEvent> loadEvents(Store store) {
    List<TrustEvent> out = new ArrayList<>();
    store.metaWithPrefix(EVENT_PREFIX).forEach((key, value) -> {
      try {
        out.add(TrustJson.event(json(value)));
      } catch (RuntimeException e) {
        throw new StoreException("stored trust event " + key + " does not parse: " + e.getMessage(), e);
      }
    });
    return out;
  }

  /** Adds the member's new policy and the event that changed it to {@code w}. */
  static StoreWrite put(StoreWrite w, MemberId member, MemberPolicy policy, TrustEvent event) {
    return w.putMeta(MEMBER_PREFIX + member.value(), TrustJson.toJson(policy).toBuffer().getBytes())
        .putMeta(String.format("%s%016d", EVENT_PREFIX, event.seq()), TrustJson.toJson(event).toBuffer().getBytes());
  }

  private static JsonObject json(byte[] bytes) {
    try {
      return new JsonObject(Buffer.buffer(bytes));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }

}
