package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.entries.LedgerRecords;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a change's derived records against the entries verified in it, on a real (empty)
 * store: what the ledger makes of an entry passes, anything else is refused naming the record.
 */
class DerivedRecordsTest {

  private static final String MD5 = "0123456789abcdef0123456789abcdef";
  private static final String OTHER_MD5 = "fedcba9876543210fedcba9876543210";

  @TempDir Path dir;
  private Store store;
  private final Entry entry = Entry.create(MemberId.parse("acme"), 7, Optional.of(EntryId.ofDigest(new byte[32])),
      Instant.parse("2026-12-04T09:00:00Z"),
      Submit.of(Signal.parse("md5", MD5), List.of(Label.parse("behavior:glorification"))));
  private final EntryId id = EntryId.ofPayload(entry.toString().getBytes(StandardCharsets.UTF_8));
  private List<Change.Op> made;

  @BeforeEach
  void open() {
    store = Store.open(dir.resolve("store"));
    StoreWrite w = StoreWrite.create();
    LedgerRecords.stageDerived(id, entry, w);
    made = Change.ops(w);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Optional<String> refusal(Change.Op op) {
    // the change brings the entry's envelope and its feed position, as a commit of the ledger does
    return new DerivedRecords(store, Map.of(id, entry), Map.of("acme/7", id.bytes())).check("change 3", op)
        .map(Exception::getMessage);
  }

  private Change.Op made(String family) {
    return made.stream().filter(op -> op.family().equals(family)).findFirst().orElseThrow();
  }

  private static byte[] signalKey(String value, EntryId of) {
    byte[] prefix = ("md5\0" + value + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[prefix.length + 32];
    System.arraycopy(prefix, 0, key, 0, prefix.length);
    System.arraycopy(of.bytes(), 0, key, prefix.length, 32);
    return key;
  }

  @Test
  void theRecordsTheLedgerMakes_pass() {
    List<String> families = new ArrayList<>();
    for (Change.Op op : made) {
      assertEquals(Optional.empty(), refusal(op), op.family());
      families.add(op.family());
    }
    assertEquals(List.of("feeds", "replay", "signals"), families);
  }

  @Test
  void aSignalRowTheEntryDoesNotSign_isRefusedNamingIt() {
    String said = refusal(new Change.Op("signals", signalKey(OTHER_MD5, id), Optional.of(new byte[0]))).orElseThrow();
    assertEquals("change 3: signal row md5 " + OTHER_MD5 + " is not a record entry " + id
        + " makes (the leader's signals record differs from what its envelope signs)", said);
  }

  @Test
  void aReplayRecordNotTheEntrys_isRefused() {
    Change.Op replay = made("replay");
    byte[] changed = replay.value().orElseThrow().clone();
    changed[changed.length - 1] ^= 1;
    String said = refusal(new Change.Op("replay", replay.key(), Optional.of(changed))).orElseThrow();
    assertTrue(said.startsWith("change 3: replay record acme/7 is not a record entry " + id), said);
  }

  @Test
  void aDelete_isRefused_theLedgerNeverDeletesOne() {
    Change.Op feed = made("feeds");
    assertEquals("change 3: a delete of feed position acme/7, which the ledger never deletes",
        refusal(new Change.Op("feeds", feed.key(), Optional.empty())).orElseThrow());
  }

  @Test
  void aRecordNamingNoEntry_orOneNotHeld_isRefused() {
    Change.Op feed = made("feeds");
    assertEquals("change 3: feed position acme/7 names no entry the follower can check it against",
        refusal(new Change.Op("feeds", feed.key(), Optional.of(new byte[5]))).orElseThrow());
    Change.Op replay = made("replay");
    byte[] seqZero = replay.key().clone();
    java.util.Arrays.fill(seqZero, seqZero.length - 8, seqZero.length, (byte) 0);
    assertTrue(refusal(new Change.Op("replay", seqZero, replay.value())).orElseThrow()
        .endsWith("names no entry the follower can check it against"));
    EntryId unknown = EntryId.ofPayload(new byte[] {1});
    assertEquals("change 3: signal row md5 " + MD5 + " names entry " + unknown
        + ", whose envelope the follower does not hold",
        refusal(new Change.Op("signals", signalKey(MD5, unknown), Optional.of(new byte[0]))).orElseThrow());
  }
}
