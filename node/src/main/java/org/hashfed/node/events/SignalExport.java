package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.store.Store;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.EntryId;

/**
 * Pages through every signal a platform would match now, in the store's signal-index order, for a
 * full sync; the first page fixes the event cursor to follow afterwards. Every change after that
 * cursor is in the feed, so export then feed (applied as upserts and removals) converges.
 */
public final class SignalExport {

  /** Most signals in one page. */
  public static final int MAX_LIMIT = 1000;
  private static final int MAX_SCAN = 10_000;

  /** One page: the signals, the token of the next page when there is one, and the cursor to follow the feed from. */
  public record Page(List<JsonObject> signals, Optional<String> next, Cursor cursor) {

    public Page {
      signals = List.copyOf(signals);
    }
  }

  private final Store store;
  private final Supplier<Ledger> ledger;
  private final TrustService trust;
  private final EventLog events;
  private final Clock clock;

  /** An export of the signals of {@code ledger}'s catalog, judged by {@code trust}. */
  public SignalExport(Store store, Supplier<Ledger> ledger, TrustService trust, EventLog events, Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.trust = trust;
    this.events = events;
    this.clock = clock;
  }

  /**
   * The page after {@code token} (the first page without), of at most {@code limit} signals that
   * {@code filter} admits; blocking.
   *
   * @throws IllegalArgumentException naming the token or the limit when it is not valid
   * @throws IllegalStateException when the node is not ready
   */
  public Page page(Optional<String> token, int limit, EventFilter filter) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
    }
    Ledger l = ledger.get();
    if (l == null) {
      throw new IllegalStateException("the node is still rebuilding its indexes; retry shortly");
    }
    Cursor cursor;
    byte[] after;
    if (token.isPresent()) {
      byte[] raw = decode(token.get());
      cursor = Cursor.fromBytes(raw);
      after = Arrays.copyOfRange(raw, Cursor.length(), raw.length);
    } else {
      // nothing commits meanwhile: every change up to the cursor is already in the catalog and the policy
      cursor = l.whileIdle(() -> trust.whileIdle(events::head));
      after = new byte[0];
    }
    Instant now = clock.instant();
    List<JsonObject> out = new ArrayList<>();
    byte[][] last = {null};
    int[] scanned = {0};
    store.forEachSignal(after, (key, id) -> {
      last[0] = key;
      l.catalog().listing(EntryId.parse(HexFormat.of().formatHex(id))).filter(x -> !x.isExpired(now))
          .ifPresent(x -> add(x, filter, out));
      return out.size() < limit && ++scanned[0] < MAX_SCAN;
    });
    boolean more = last[0] != null && (out.size() == limit || scanned[0] >= MAX_SCAN);
    return new Page(out, more ? Optional.of(encode(cursor, last[0])) : Optional.empty(), cursor);
  }

  private void add(Listing listing, EventFilter filter, List<JsonObject> out) {
    Judgement j = trust.judge(listing, 0);
    if (j.trust() == TrustLevel.BLOCKED) {
      return;
    }
    JsonObject event = SignalEvents.event(EventType.SIGNAL_ADDED, clock.instant(), listing, j);
    if (filter.admits(event)) {
      out.add(event.getJsonObject("data"));
    }
  }

  private static String encode(Cursor cursor, byte[] key) {
    byte[] c = cursor.toBytes();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(ByteBuffer.allocate(c.length + key.length).put(c).put(key).array());
  }

  private static byte[] decode(String token) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token);
      if (raw.length > Cursor.length()) {
        return raw;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the token
    }
    throw new IllegalArgumentException("page token \"" + token + "\" is not one (expected: the \"next\" of an earlier "
        + "export page)");
  }
}
