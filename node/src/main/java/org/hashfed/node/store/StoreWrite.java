package org.hashfed.node.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of changes that {@link Store#commit(StoreWrite)} applies atomically and durably.
 *
 * <p>Plain Java until commit, so callers never hold a native {@code WriteBatch}.
 */
public final class StoreWrite {

  record Op(Family family, byte[] key, byte[] value) {}

  private final List<Op> ops = new ArrayList<>();
  private final List<byte[]> events = new ArrayList<>();

  private StoreWrite() {}

  /** An empty write. */
  public static StoreWrite create() {
    return new StoreWrite();
  }

  /** Stores an envelope under its entry id. */
  public StoreWrite putEnvelope(byte[] entryId, byte[] envelope) {
    ops.add(new Op(Family.ENVELOPES, Keys.entryId(entryId), envelope.clone()));
    return this;
  }

  /** Records that {@code entryId} is entry {@code seq} of {@code member}'s feed. */
  public StoreWrite putFeed(String member, long seq, byte[] entryId) {
    ops.add(new Op(Family.FEEDS, Keys.feed(member, seq), Keys.entryId(entryId)));
    return this;
  }

  /** Stores the replay record of entry {@code seq} of {@code member}'s feed; the layout belongs to the ledger. */
  public StoreWrite putReplayRecord(String member, long seq, byte[] record) {
    ops.add(new Op(Family.REPLAY, Keys.feed(member, seq), record.clone()));
    return this;
  }

  /** Indexes {@code entryId} under the signal {@code type}/{@code value} (normalised text). */
  public StoreWrite putSignal(String type, String value, byte[] entryId) {
    ops.add(new Op(Family.SIGNALS, Keys.signal(type, value, entryId), new byte[0]));
    return this;
  }

  /** Records that entry {@code source} refers to entry {@code target} (a retraction or an opinion). */
  public StoreWrite putRef(byte[] target, byte[] source, String kind) {
    ops.add(new Op(Family.REFS, Keys.ref(target, source), Keys.utf8(kind)));
    return this;
  }

  /** Sets a metadata value. */
  public StoreWrite putMeta(String key, byte[] value) {
    ops.add(new Op(Family.META, Keys.utf8(key), value.clone()));
    return this;
  }

  /** Removes a metadata value. */
  public StoreWrite deleteMeta(String key) {
    ops.add(new Op(Family.META, Keys.utf8(key), null));
    return this;
  }

  /** Sets a provenance log record; the key layout belongs to {@code org.hashfed.node.log}. */
  public StoreWrite putLog(byte[] key, byte[] value) {
    ops.add(new Op(Family.LOG, key.clone(), value.clone()));
    return this;
  }

  /** Stores a watched item; the key layout belongs to {@code org.hashfed.node.watch}. */
  public StoreWrite putWatched(byte[] key, byte[] value) {
    ops.add(new Op(Family.WATCH, key.clone(), value.clone()));
    return this;
  }

  /** Removes a watched item. */
  public StoreWrite deleteWatched(byte[] key) {
    ops.add(new Op(Family.WATCH, key.clone(), null));
    return this;
  }

  /**
   * Appends an event to the event log; {@link Store#commit} gives it the next sequence number, so
   * events of concurrent writes are numbered in the order they become durable.
   */
  public StoreWrite appendEvent(byte[] event) {
    events.add(event.clone());
    return this;
  }

  /** Whether nothing was added. */
  public boolean isEmpty() {
    return ops.isEmpty() && events.isEmpty();
  }

  List<Op> ops() {
    return ops;
  }

  List<byte[]> events() {
    return events;
  }
}
