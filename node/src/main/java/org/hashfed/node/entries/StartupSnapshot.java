package org.hashfed.node.entries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.snapshot.SnapshotFormatException;
import org.hashfed.node.snapshot.SnapshotInput;
import org.hashfed.node.snapshot.SnapshotOutput;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.FeedHead;

/**
 * The start-up snapshot next to the store ({@code <data>/store.snapshot}, spec/store.md section
 * 7): the catalog's columns and the PDQ index's hashes, the feed heads they cover and the opinion
 * records, so that a start reads one file and replays only the entries stored after it instead of
 * every record. The store stays the source of truth: a snapshot that is missing, of another format
 * or store, truncated, corrupt or ahead of the store is ignored with one warning, and the node
 * replays everything.
 */
final class StartupSnapshot {

  /** Metadata key of the store's random id, which a snapshot must carry to be used with it. */
  static final String STORE_ID_KEY = "snapshot.store-id";
  static final int FORMAT = 1;

  private static final Logger LOG = Logger.getLogger(StartupSnapshot.class.getName());
  private static final byte[] MAGIC = "HFSNAP\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int STORE_ID_BYTES = 16;
  private static final int MAX_MEMBER_BYTES = 64;
  private static final int MAX_RECORD_BYTES = 4096;
  private static final int MAX_MEMBERS = 1 << 20;

  private StartupSnapshot() {}

  /** What a snapshot holds, taken from a running ledger while no entry was being stored. */
  record Taken(Map<MemberId, FeedHead> heads, List<ReplayRecord> opinions, Catalog.Frozen catalog) {}

  /** What a snapshot gave back: the heads it covers, the opinion records, and the catalog to replay the rest into. */
  record Restored(Map<MemberId, FeedHead> heads, List<ReplayRecord> opinions, Catalog.Builder catalog) {

    /** Member to last covered seq, as the store's keys name members. */
    Map<String, Long> covered() {
      Map<String, Long> out = new LinkedHashMap<>();
      heads.forEach((m, h) -> out.put(m.value(), h.seq()));
      return out;
    }
  }

  /** The snapshot file of {@code store}: next to its directory. */
  static Path fileOf(Store store) {
    Path dir = store.dir().toAbsolutePath();
    return dir.resolveSibling(dir.getFileName() + ".snapshot");
  }

  /** The store's id, made (random) and stored the first time; blocking. */
  static byte[] storeId(Store store) {
    Optional<byte[]> id = store.meta(STORE_ID_KEY);
    if (id.isPresent()) {
      return id.get();
    }
    byte[] made = new byte[STORE_ID_BYTES];
    new SecureRandom().nextBytes(made);
    store.commit(StoreWrite.create().putMeta(STORE_ID_KEY, made));
    return made;
  }

  /** Writes {@code taken} as the snapshot of the store whose id is {@code storeId}, replacing the old one atomically. */
  static void write(Path file, byte[] storeId, Taken taken) throws IOException {
    try (SnapshotOutput out = SnapshotOutput.create(file)) {
      out.writeRaw(MAGIC);
      out.writeInt(FORMAT);
      out.writeRaw(storeId);
      out.writeInt(taken.heads().size());
      for (FeedHead h : taken.heads().values()) {
        out.writeString(h.member().value());
        out.writeLong(h.seq());
        out.writeRaw(h.id().bytes());
        out.writeLong(h.time().getEpochSecond());
        out.writeInt(h.time().getNano());
      }
      out.writeInt(taken.opinions().size());
      for (ReplayRecord r : taken.opinions()) {
        out.writeString(r.member().value());
        out.writeLong(r.seq());
        out.writeBlob(ReplayRecordCodec.encode(r));
      }
      taken.catalog().writeTo(out);
      out.commit();
    }
  }

  /**
   * The snapshot of {@code store}, if there is a usable one; otherwise empty, after one warning
   * that says why (nothing at all when there is no file). Blocking.
   */
  static Optional<Restored> load(Path file, Store store) {
    try {
      Restored r = read(file, store);
      LOG.info(() -> "read the start-up snapshot " + file + ": " + r.heads().size() + " feeds, "
          + r.opinions().size() + " opinions; replaying the entries stored after it");
      return Optional.of(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | SnapshotFormatException | RuntimeException e) {
      LOG.warning(() -> "ignoring the start-up snapshot " + file + " (" + e.getMessage()
          + "): replaying every stored entry instead");
      return Optional.empty();
    }
  }

  private static Restored read(Path file, Store store) throws IOException, SnapshotFormatException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try (SnapshotInput in = SnapshotInput.open(file)) {
      byte[] magic = in.readRaw(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new SnapshotFormatException("it does not start as a hashfed snapshot");
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw new SnapshotFormatException("format " + format + " (expected: " + FORMAT + ")");
      }
      byte[] id = in.readRaw(STORE_ID_BYTES);
      Optional<byte[]> storeId = store.meta(STORE_ID_KEY);
      if (storeId.isEmpty() || !Arrays.equals(storeId.get(), id)) {
        throw new SnapshotFormatException("it was written for the store " + HexFormat.of().formatHex(id)
            + ", not this one (" + storeId.map(s -> HexFormat.of().formatHex(s)).orElse("no id yet") + ")");
      }
      Map<MemberId, FeedHead> heads = new LinkedHashMap<>();
      int members = in.readCount("feed head", MAX_MEMBERS, 4 + 8 + 32 + 12);
      for (int i = 0; i < members; i++) {
        MemberId m = MemberId.parse(in.readString("member", MAX_MEMBER_BYTES));
        long seq = in.readLong();
        EntryId head = EntryId.ofDigest(in.readRaw(32));
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        heads.put(m, new FeedHead(m, seq, head, time));
      }
      int count = in.readCount("opinion", Integer.MAX_VALUE, 4 + 8 + 4);
      List<ReplayRecord> opinions = new ArrayList<>();
      ReplayRecordCodec.Decoder decoder = new ReplayRecordCodec.Decoder();
      for (int i = 0; i < count; i++) {
        String m = in.readString("member", MAX_MEMBER_BYTES);
        long seq = in.readLong();
        byte[] bytes = in.readBlob("opinion record", MAX_RECORD_BYTES);
        try {
          opinions.add(decoder.decode(m, seq, bytes));
        } catch (ReplayRecordCodec.UnreadableRecordException e) {
          throw new SnapshotFormatException("opinion record " + m + "/" + seq + " is unreadable: " + e.getMessage());
        }
      }
      Catalog.Builder catalog = Catalog.Builder.readFrom(in);
      in.finish();
      // Only now that the checksum holds: the store must hold each covered head, or the snapshot
      // is of a history this store does not have (restored from an older backup, say).
      for (FeedHead h : heads.values()) {
        Optional<byte[]> stored = store.feedEntry(h.member().value(), h.seq());
        if (stored.isEmpty() || !Arrays.equals(stored.get(), h.id().bytes())) {
          throw new SnapshotFormatException("it covers " + h.member() + "/" + h.seq() + " as entry " + h.id()
              + " but the store holds " + stored.map(s -> EntryId.ofDigest(s).toString()).orElse("no such entry"));
        }
      }
      return new Restored(heads, opinions, catalog);
    }
  }
}
