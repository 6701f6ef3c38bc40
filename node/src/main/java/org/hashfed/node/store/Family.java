package org.hashfed.node.store;

import java.nio.charset.StandardCharsets;

/** The column families of the store; the order is the order of the handles RocksDB returns. */
enum Family {
  /** RocksDB requires it; unused so that every record has a named home. */
  DEFAULT("default"),
  /** entry id (32 bytes) -> DSSE envelope JSON bytes, exactly as received or signed. */
  ENVELOPES("envelopes"),
  /** member, 0x00, seq (8 bytes big-endian) -> entry id: each member's feed in order. */
  FEEDS("feeds"),
  /** type, 0x00, value, 0x00, entry id -> empty: the exact-signal index. */
  SIGNALS("signals"),
  /** target entry id, source entry id -> kind: retractions and opinions of an entry. */
  REFS("refs"),
  /** text key -> value: API keys, node identity, schema version. */
  META("meta"),
  /** provenance log: tree hashes, leaf references, checkpoints, witness state (keys in node.log.LogKeys). */
  LOG("log"),
  /**
   * member, 0x00, seq (8 bytes big-endian) -> compact replay record (layout in
   * node.entries.ReplayRecordCodec): what the start-up rebuild needs of each feed entry, written in
   * the entry's own batch so that a restart reads it instead of parsing every envelope.
   */
  REPLAY("replay"),
  /**
   * event seq (8 bytes big-endian, from 1) -> event JSON (type, time, data): the local event log
   * that the updates feed and webhooks read, written in the batch of the change that caused it
   * (layout in node.events).
   */
  EVENTS("events"),
  /**
   * What platforms recorded for the retro-hunt and the retro-hunt checks still to run (layout in
   * node.watch.WatchKeys): 't', uploaded-at epoch millis, content id -> item slot, in time order so
   * that expiry deletes a prefix; 's', item slot -> watched item JSON; 'p', seq -> a pending check.
   */
  WATCH("watch"),
  /**
   * change seq (8 bytes big-endian, from 1) -> encoded change (layout in {@link Change}): what each
   * commit wrote to the families a read follower copies, in commit order, written in the commit's
   * own batch while the node keeps a change log (it has followers).
   */
  CHANGES("changes");

  private final String cfName;

  Family(String cfName) {
    this.cfName = cfName;
  }

  byte[] nameBytes() {
    return cfName.getBytes(StandardCharsets.UTF_8);
  }
}
