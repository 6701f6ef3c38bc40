package org.hashfed.node.follow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.entries.LedgerRecords;
import org.hashfed.node.follow.CopiedEntries.RefusedException;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;

/**
 * What a follower checks of the records its leader derived from envelopes (feed positions,
 * exact-signal rows, references, replay records) in a change: each is exactly the record the
 * ledger writes for an entry whose envelope verified, in the same change or held already. (A first
 * copy does not bring them: the follower writes its own from the envelopes it verified.) The catalog a follower
 * matches against is built from replay records, so without this a leader (or its corrupted store)
 * could make a follower list a signal under an entry that signs another, or in another member's
 * name.
 */
final class DerivedRecords {

  private static final Set<String> FAMILIES = Set.of("feeds", "signals", "refs", "replay");
  private static final int ID_BYTES = 32;

  private final Store store;
  private final Map<EntryId, Entry> verified;
  private final Map<String, byte[]> feedsInChange;

  /**
   * @param store the follower's store, for entries and feed positions that earlier changes or the
   *     first copy brought
   * @param verified the entries whose envelopes verified in the change being checked
   * @param feedsInChange feed positions ("member/seq") the change brings, to their entry ids
   */
  DerivedRecords(Store store, Map<EntryId, Entry> verified, Map<String, byte[]> feedsInChange) {
    this.store = store;
    this.verified = verified;
    this.feedsInChange = feedsInChange;
  }

  /** Whether {@code op} writes a family whose records the ledger derives from envelopes. */
  static boolean isDerived(Change.Op op) {
    return isDerivedFamily(op.family());
  }

  /** Whether the ledger derives the records of family {@code name} from envelopes. */
  static boolean isDerivedFamily(String name) {
    return FAMILIES.contains(name);
  }

  /** "member/seq" of a feed-ordered key, or empty when the key is not one (or names a seq below 1). */
  static Optional<String> position(Change.Op op) {
    try {
      return op.feedSeq() < 1 ? Optional.empty() : Optional.of(op.feedMember() + "/" + op.feedSeq());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Checks one op of a derived family in a change ({@code what}: "change 7"). */
  Optional<RefusedException> check(String what, Change.Op op) {
    String record = describe(op);
    if (op.value().isEmpty()) {
      return refused(what + ": a delete of " + record + ", which the ledger never deletes");
    }
    Optional<byte[]> id = entryIdOf(op).filter(v -> v.length == ID_BYTES);
    if (id.isEmpty()) {
      return refused(what + ": " + record + " names no entry the follower can check it against");
    }
    EntryId entryId = EntryId.ofDigest(id.get());
    Optional<Entry> entry;
    try {
      entry = entryOf(entryId);
    } catch (Exception e) {
      return refused(what + ": " + record + " names entry " + entryId + ", whose stored envelope does not parse: "
          + e.getMessage());
    }
    if (entry.isEmpty()) {
      return refused(what + ": " + record + " names entry " + entryId + ", whose envelope the follower does not hold");
    }
    StoreWrite expected = StoreWrite.create();
    LedgerRecords.stageDerived(entryId, entry.get(), expected);
    for (Change.Op e : Change.ops(expected)) {
      if (e.family().equals(op.family()) && Arrays.equals(e.key(), op.key())
          && Arrays.equals(e.value().orElseThrow(), op.value().get())) {
        return Optional.empty();
      }
    }
    return refused(what + ": " + record + " is not a record entry " + entryId + " makes (the leader's "
        + op.family() + " record differs from what its envelope signs)");
  }

  // The entry a derived record belongs to: named in the value (feeds), at the end of the key
  // (signals, refs: the source), or through the feed position it shares (replay).
  private Optional<byte[]> entryIdOf(Change.Op op) {
    byte[] key = op.key();
    return switch (op.family()) {
      case "feeds" -> Optional.of(op.value().get());
      case "signals", "refs" -> key.length > ID_BYTES
          ? Optional.of(Arrays.copyOfRange(key, key.length - ID_BYTES, key.length)) : Optional.empty();
      case "replay" -> position(op).flatMap(p -> Optional.ofNullable(feedsInChange.get(p))
          .or(() -> store.feedEntry(op.feedMember(), op.feedSeq())));
      default -> Optional.empty();
    };
  }

  private Optional<Entry> entryOf(EntryId id) throws Exception {
    Entry inChange = verified.get(id);
    if (inChange != null) {
      return Optional.of(inChange);
    }
    Optional<byte[]> stored = store.envelope(id.bytes());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    // what the follower's store holds passed these checks when it was applied
    return Optional.of(Entry.parse(Envelope.parse(stored.get()).payload()));
  }

  private static String describe(Change.Op op) {
    byte[] key = op.key();
    return switch (op.family()) {
      case "feeds" -> "feed position " + position(op).orElse(hex(key));
      case "replay" -> "replay record " + position(op).orElse(hex(key));
      case "refs" -> key.length == 2 * ID_BYTES
          ? "reference from entry " + hex(Arrays.copyOfRange(key, ID_BYTES, key.length)) + " to entry "
              + hex(Arrays.copyOf(key, ID_BYTES))
          : "reference " + hex(key);
      default -> signalRow(key);
    };
  }

  // type, 0x00, value, 0x00, entry id: said as "signal row md5 abc..." when it has that shape.
  private static String signalRow(byte[] key) {
    int typeEnd = indexOfZero(key);
    int valueEnd = key.length - ID_BYTES - 1;
    if (typeEnd < 0 || valueEnd <= typeEnd || key[valueEnd] != 0) {
      return "signal row " + hex(key);
    }
    return "signal row " + new String(key, 0, typeEnd, StandardCharsets.UTF_8) + " "
        + new String(key, typeEnd + 1, valueEnd - typeEnd - 1, StandardCharsets.UTF_8);
  }

  private static int indexOfZero(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static Optional<RefusedException> refused(String message) {
    return Optional.of(new RefusedException(message, null));
  }
}
