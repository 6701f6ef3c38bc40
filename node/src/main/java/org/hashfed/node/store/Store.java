package org.hashfed.node.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The node's RocksDB store: envelopes, member feeds, the exact-signal index, entry references,
 * metadata, the provenance log and the replay records, each in its own column family (layout in
 * spec/store.md).
 *
 * <p>This class owns every native handle it creates and closes them in {@link #close()} in the
 * order RocksDB documents: column family handles, the database, then the options. Every method
 * blocks: call it from a worker thread, never from an event loop. After {@code close()} every
 * method throws {@link StoreException} instead of touching freed native memory.
 */
public final class Store implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  /** Callback for {@link #forEachFeedEntry}. */
  @FunctionalInterface
  public interface FeedVisitor {
    /** Called once per feed entry, in member then seq order. */
    void visit(String member, long seq, byte[] entryId, byte[] envelope);
  }

  /** Callback for {@link #forEachReplayRecord}. */
  @FunctionalInterface
  public interface RecordVisitor {
    /** Called once per replay record, in member then seq order. */
    void visit(String member, long seq, byte[] record);
  }

  /** Callback for {@link #forEachSignal}. */
  @FunctionalInterface
  public interface SignalVisitor {
    /** Called once per signal index key in key order; returns whether to go on. */
    boolean visit(byte[] key, byte[] entryId);
  }

  /** Callback for {@link #forEachWatched}. */
  @FunctionalInterface
  public interface WatchVisitor {
    /** Called once per record in key order; returns whether to go on. */
    boolean visit(byte[] key, byte[] value);
  }

  /** A follower's copy started by {@link #openCopy}: its id, and the change log's epoch and newest change it reflects. */
  public record CopyStart(long id, long epoch, long seq) {}

  /**
   * A page of a copy: an encoded {@link Change} of puts, and where the next page starts ({@code
   * nextFamily} -1 when this was the last page; {@code nextAfterKey} null to start the family from
   * its first key).
   */
  public record CopyPage(byte[] change, int nextFamily, byte[] nextAfterKey) {}

  /** Callback for {@link #forEachChange}. */
  @FunctionalInterface
  public interface ChangeVisitor {
    /** Called once per change in seq order with its encoded form; returns whether to go on. */
    boolean visit(long seq, byte[] change);
  }

  /** Callback for {@link #forEachEvent}. */
  @FunctionalInterface
  public interface EventVisitor {
    /** Called once per event in seq order; returns whether to go on. */
    boolean visit(long seq, byte[] event);
  }

  // Start-up scans read each block once: read ahead in large sequential chunks and keep the
  // blocks out of the block cache, which would only evict what the running node needs.
  private static final long SCAN_READAHEAD_BYTES = 4L << 20;

  private static final Logger LOG = Logger.getLogger(Store.class.getName());

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions writeOptions;
  // A follower's first copy: in the write-ahead log, synced once at its end (finishCopy).
  private final WriteOptions copyWriteOptions = new WriteOptions();
  private final boolean bulk;
  // Replaced only under the lifecycle's write lock, when writes resume after a full disk; null
  // while a reopen has failed and waits for the next attempt.
  private RocksDB db;
  private List<ColumnFamilyHandle> handleList;
  private Map<Family, ColumnFamilyHandle> handles;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;
  private final Object recovery = new Object();
  private volatile StoreFullException writeFailure;
  // Numbers events and writes them under one lock, so that seq order is durable order: a reader
  // that has seen event n never later finds an event below n.
  private final Object eventOrder = new Object();
  private volatile long lastEventSeq;
  private volatile java.util.function.LongConsumer eventsCommitted = seq -> {};
  // The change log for read followers: null while the node keeps none, else which metadata keys
  // it copies. Changes are numbered under eventOrder too, so that their order is commit order.
  private volatile java.util.function.Predicate<String> changedMeta;
  private volatile long lastChangeSeq;
  private volatile long changeEpoch;
  private volatile java.util.function.LongConsumer changesCommitted = seq -> {};
  private static final String CHANGE_EPOCH_KEY = "changes/epoch";
  private static final String FOLLOW_POSITION_KEY = "follow/position";
  // The families a follower's copy reads, in order: the metadata first, since a follower checks
  // envelopes against the rosters in it.
  private static final List<Family> COPY_FAMILIES = List.of(Family.META, Family.ENVELOPES, Family.FEEDS,
      Family.SIGNALS, Family.REFS, Family.REPLAY, Family.EVENTS);
  private volatile long firstChangeSeq;

  /** How many column families a follower's copy reads: its {@code family} numbers are 0 to this less one. */
  public static int copyFamilies() {
    return COPY_FAMILIES.size();
  }

  /** The name of copy family {@code family} (0 to {@link #copyFamilies()} less one), as a change's ops name it. */
  public static String copyFamilyName(int family) {
    return COPY_FAMILIES.get(family).name().toLowerCase(java.util.Locale.ROOT);
  }
  // Open copies for followers (snapshots of the current db), released when closed or when the db is closed.
  private final Map<Long, org.rocksdb.Snapshot> copies = new java.util.concurrent.ConcurrentHashMap<>();
  private long nextCopy = 1;

  private Store(Path dir, DBOptions dbOptions, ColumnFamilyOptions cfOptions, WriteOptions writeOptions, boolean bulk,
      RocksDB db, List<ColumnFamilyHandle> handleList) {
    this.dir = dir;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.writeOptions = writeOptions;
    this.bulk = bulk;
    adopt(db, handleList);
    this.lastEventSeq = boundaryEvent(false);
  }

  /**
   * Opens the store in {@code dir}, creating the directory, the database and any missing column
   * family.
   *
   * @throws StoreException when RocksDB cannot open it (for example another process holds the lock)
   */
  public static Store open(Path dir) {
    return open(dir, false);
  }

  /**
   * Opens the store in {@code dir} for a one-off bulk load of data that can be made again (the
   * benchmarks' synthetic corpora): commits skip the write-ahead log and are durable only once
   * {@link #close()} has flushed them to disk; a crash before that loses them. Never for a node's
   * own data, whose every acknowledged write must survive a crash.
   *
   * @throws StoreException when RocksDB cannot open it
   */
  public static Store openForBulkLoad(Path dir) {
    return open(dir, true);
  }

  private void adopt(RocksDB opened, List<ColumnFamilyHandle> openedHandles) {
    this.db = opened;
    this.handleList = openedHandles;
    this.handles = new EnumMap<>(Family.class);
    for (Family f : Family.values()) {
      handles.put(f, openedHandles.get(f.ordinal()));
    }
  }

  private static List<ColumnFamilyDescriptor> descriptors(ColumnFamilyOptions cfOptions) {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Family f : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(f.nameBytes(), cfOptions));
    }
    return descriptors;
  }

  private static Store open(Path dir, boolean bulk) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create store directory " + dir + ": " + e.getMessage(), e);
    }
    DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    WriteOptions writeOptions = bulk ? new WriteOptions().setDisableWAL(true) : new WriteOptions().setSync(true);
    List<ColumnFamilyHandle> handleList = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors(cfOptions), handleList);
      return new Store(dir, dbOptions, cfOptions, writeOptions, bulk, db, handleList);
    } catch (RocksDBException e) {
      handleList.forEach(ColumnFamilyHandle::close);
      writeOptions.close();
      cfOptions.close();
      dbOptions.close();
      throw new StoreException("cannot open store " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The directory of the database. */
  public Path dir() {
    return dir;
  }

  /**
   * Applies every change in {@code write} atomically and returns only once it is in the
   * write-ahead log on disk (fsync), so an acknowledged write survives a crash (except in a
   * store opened for a bulk load, see {@link #openForBulkLoad}).
   */
  public void commit(StoreWrite write) {
    if (writeFailure != null) {
      resumeWrites();
    }
    java.util.function.Predicate<String> meta = changedMeta;
    List<StoreWrite.Op> copied = meta == null ? List.of() : copiedOps(write, meta);
    if (write.events().isEmpty() && copied.isEmpty()) {
      write(write, 0, 0, copied);
      return;
    }
    long last;
    long change = 0;
    synchronized (eventOrder) {
      if (meta != null) {
        change = lastChangeSeq + 1;
      }
      write(write, lastEventSeq, change, copied);
      last = lastEventSeq + write.events().size();
      lastEventSeq = last;
      if (change > 0) {
        lastChangeSeq = change;
        if (firstChangeSeq == 0) {
          firstChangeSeq = change;
        }
      }
    }
    if (!write.events().isEmpty()) {
      eventsCommitted.accept(last);
    }
    if (change > 0) {
      changesCommitted.accept(change);
    }
  }

  private static List<StoreWrite.Op> copiedOps(StoreWrite write, java.util.function.Predicate<String> meta) {
    List<StoreWrite.Op> out = new ArrayList<>();
    for (StoreWrite.Op op : write.ops()) {
      if (Change.replicated(op.family())
          && (op.family() != Family.META || meta.test(new String(op.key(), StandardCharsets.UTF_8)))) {
        out.add(op);
      }
    }
    return out;
  }

  // change > 0: the batch also records change number {@code change}: the copied ops and the events.
  private void write(StoreWrite write, long eventsAfter, long change, List<StoreWrite.Op> copied) {
    guarded(() -> {
      try (WriteBatch batch = new WriteBatch()) {
        long seq = eventsAfter;
        List<StoreWrite.Op> recorded = change > 0 ? new ArrayList<>(copied) : null;
        for (byte[] event : write.events()) {
          byte[] key = Keys.event(++seq);
          batch.put(handles.get(Family.EVENTS), key, event);
          if (recorded != null) {
            recorded.add(new StoreWrite.Op(Family.EVENTS, key, event));
          }
        }
        if (recorded != null) {
          batch.put(handles.get(Family.CHANGES), Keys.event(change), Change.encode(recorded));
        }
        for (StoreWrite.Op op : write.ops()) {
          ColumnFamilyHandle h = handles.get(op.family());
          if (op.value() == null) {
            batch.delete(h, op.key());
          } else {
            batch.put(h, op.key(), op.value());
          }
        }
        db.write(writeOptions, batch);
        return null;
      } catch (RocksDBException e) {
        throw writeFailed("cannot write " + write.ops().size() + " changes to store " + dir, e);
      }
    });
  }

  /**
   * Keeps a change log for read followers from now on: every commit also records, in its own batch,
   * what it wrote to the replicated families (of the metadata, the keys {@code copiedMeta} accepts).
   * A new log starts empty, with a new epoch: a follower copies what the store holds through
   * {@link #openCopy}, then the changes after it. Blocking. Call once at start, before anything
   * else writes.
   */
  public void keepChangeLog(java.util.function.Predicate<String> copiedMeta) {
    java.util.Objects.requireNonNull(copiedMeta, "copiedMeta");
    synchronized (eventOrder) {
      Optional<byte[]> epoch = meta(CHANGE_EPOCH_KEY);
      if (epoch.isEmpty()) {
        dropChangeLog();
        long made = new java.security.SecureRandom().nextLong();
        guarded(() -> {
          try {
            db.put(handles.get(Family.META), writeOptions, Keys.utf8(CHANGE_EPOCH_KEY),
                java.nio.ByteBuffer.allocate(Long.BYTES).putLong(made).array());
            return null;
          } catch (RocksDBException e) {
            throw writeFailed("cannot start the change log of store " + dir, e);
          }
        });
        LOG.info(() -> "store " + dir + ": change log for read followers started");
        epoch = meta(CHANGE_EPOCH_KEY);
      }
      changeEpoch = java.nio.ByteBuffer.wrap(epoch.get()).getLong();
      lastChangeSeq = guarded(() -> boundary(Family.CHANGES));
      firstChangeSeq = guarded(() -> firstSeq(Family.CHANGES));
      changedMeta = copiedMeta;
    }
  }

  /**
   * Deletes the change log, if any: a node that runs without followers records none, so a log it
   * kept earlier would miss changes; a later {@link #keepChangeLog} starts a new one (a new epoch,
   * which tells followers to copy the store again). Blocking.
   */
  public void dropChangeLog() {
    synchronized (eventOrder) {
      changedMeta = null;
      guarded(() -> {
        try (WriteBatch batch = new WriteBatch()) {
          long last = boundary(Family.CHANGES);
          if (last > 0) {
            batch.deleteRange(handles.get(Family.CHANGES), Keys.event(1), Keys.event(last + 1));
          }
          batch.delete(handles.get(Family.META), Keys.utf8(CHANGE_EPOCH_KEY));
          db.write(writeOptions, batch);
          return null;
        } catch (RocksDBException e) {
          throw writeFailed("cannot delete the change log of store " + dir, e);
        }
      });
      lastChangeSeq = 0;
      firstChangeSeq = 0;
      changeEpoch = 0;
    }
  }

  /**
   * Starts a follower's copy of what the store holds: a consistent view of the replicated families
   * as of change {@link CopyStart#seq()}, read page by page with {@link #copyPage} until
   * {@link #closeCopy}. The view holds on to what later commits overwrite: close it promptly.
   *
   * @throws IllegalStateException when the store keeps no change log
   */
  public CopyStart openCopy() {
    synchronized (eventOrder) {
      if (changedMeta == null) {
        throw new IllegalStateException("store " + dir + " keeps no change log");
      }
      return guarded(() -> {
        long id = nextCopy++;
        copies.put(id, db.getSnapshot());
        return new CopyStart(id, changeEpoch, lastChangeSeq);
      });
    }
  }

  /**
   * The next page of copy {@code copy}: the records of the replicated families after {@code
   * afterKey} in family {@code family} (an index into {@link #COPY_FAMILIES}), in family then key
   * order, as one encoded {@link Change} of puts of about {@code maxBytes} at most (at least one
   * record). Blocking.
   *
   * @throws IllegalArgumentException when the copy is not open (closed, or the store was reopened)
   *     or {@code family} is out of range
   */
  public CopyPage copyPage(long copy, int family, byte[] afterKey, int maxBytes) {
    if (family < 0 || family >= COPY_FAMILIES.size()) {
      throw new IllegalArgumentException("copy family " + family + " (expected: 0 to " + (COPY_FAMILIES.size() - 1)
          + ")");
    }
    java.util.function.Predicate<String> meta = changedMeta;
    return guarded(() -> {
      org.rocksdb.Snapshot snapshot = copies.get(copy);
      if (snapshot == null || meta == null) {
        throw new IllegalArgumentException("copy " + copy + " is not open");
      }
      List<StoreWrite.Op> ops = new ArrayList<>();
      long bytes = 0;
      byte[] from = afterKey;
      try (ReadOptions read = scanOptions().setSnapshot(snapshot)) {
        for (int f = family; f < COPY_FAMILIES.size(); f++, from = null) {
          Family fam = COPY_FAMILIES.get(f);
          try (RocksIterator it = db.newIterator(handles.get(fam), read)) {
            if (from == null) {
              it.seekToFirst();
            } else {
              it.seek(from);
              if (it.isValid() && Arrays.equals(it.key(), from)) {
                it.next();
              }
            }
            for (; it.isValid(); it.next()) {
              byte[] key = it.key();
              if (fam == Family.META && !meta.test(new String(key, StandardCharsets.UTF_8))) {
                continue;
              }
              if (bytes >= maxBytes && !ops.isEmpty()) {
                return new CopyPage(Change.encode(ops), f, ops.get(ops.size() - 1).key());
              }
              byte[] value = it.value();
              ops.add(new StoreWrite.Op(fam, key, value));
              bytes += key.length + value.length + 9;
            }
            it.status();
          }
          if (bytes >= maxBytes && f + 1 < COPY_FAMILIES.size()) {
            return new CopyPage(Change.encode(ops), f + 1, null);
          }
        }
        return new CopyPage(Change.encode(ops), -1, null);
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the copy of store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** Ends copy {@code copy}, letting RocksDB drop what only it held; nothing when it is not open. */
  public void closeCopy(long copy) {
    guarded(() -> {
      org.rocksdb.Snapshot snapshot = copies.remove(copy);
      if (snapshot != null) {
        db.releaseSnapshot(snapshot);
      }
      return null;
    });
  }

  /**
   * Deletes the changes up to {@code seq} (the followers hold them, or they are older than the
   * retention); the newest change is always kept, so that numbering goes on after a restart.
   * Returns how many were deleted. Blocking.
   */
  public long deleteChangesThrough(long seq) {
    synchronized (eventOrder) {
      long through = Math.min(seq, lastChangeSeq - 1);
      long first = firstChangeSeq;
      if (first == 0 || through < first) {
        return 0;
      }
      guarded(() -> {
        try {
          db.deleteRange(handles.get(Family.CHANGES), Keys.event(first), Keys.event(through + 1));
          return null;
        } catch (RocksDBException e) {
          throw writeFailed("cannot delete changes " + first + " to " + through + " from store " + dir, e);
        }
      });
      firstChangeSeq = through + 1;
      return through + 1 - first;
    }
  }

  /** The seq of the oldest change kept, 0 when the log holds none. */
  public long firstChangeSeq() {
    return firstChangeSeq;
  }

  /** The epoch of the change log (random, new each time a log starts), 0 when the store keeps none. */
  public long changeEpoch() {
    return changeEpoch;
  }

  /** The seq of the newest change, 0 when none. */
  public long lastChangeSeq() {
    return lastChangeSeq;
  }

  /** Runs {@code listener} with the newest change seq after every commit that recorded one, on the committing thread. */
  public void onChangesCommitted(java.util.function.LongConsumer listener) {
    this.changesCommitted = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Visits the encoded changes after {@code afterSeq} in seq order until {@code visitor} returns false. */
  public void forEachChange(long afterSeq, ChangeVisitor visitor) {
    forEachSeq(Family.CHANGES, "change log", afterSeq, visitor::visit);
  }

  /**
   * Applies a change copied from the leader's change log and records {@code position} in the same
   * batch, so that a follower resumes after exactly the changes it holds; the events it carries
   * keep the leader's numbers. Blocking.
   */
  public void applyChange(Change change, Change.Position position) {
    apply(change, position, writeOptions);
  }

  /**
   * Applies a page of the copy a follower makes of its leader's store, without waiting for the
   * disk: the copy counts only once {@link #finishCopy} has recorded its position, and a follower
   * started on a store without one deletes it and copies again. Blocking.
   */
  public void applyCopyPage(Change page) {
    apply(page, null, copyWriteOptions);
  }

  /**
   * Makes the pages applied so far durable, then records {@code position}: the follower holds the
   * leader's store as of that change. Blocking.
   */
  public void finishCopy(Change.Position position) {
    guarded(() -> {
      try {
        db.flushWal(true);
        db.put(handles.get(Family.META), writeOptions, Keys.utf8(FOLLOW_POSITION_KEY), positionBytes(position));
        return null;
      } catch (RocksDBException e) {
        throw writeFailed("cannot finish the copy in store " + dir, e);
      }
    });
  }

  private void apply(Change change, Change.Position position, WriteOptions options) {
    long newestEvent = 0;
    synchronized (eventOrder) {
      guarded(() -> {
        try (WriteBatch batch = new WriteBatch()) {
          for (Change.Op op : change.ops()) {
            ColumnFamilyHandle h = handles.get(Change.family(op));
            if (op.value().isPresent()) {
              batch.put(h, op.key(), op.value().get());
            } else {
              batch.delete(h, op.key());
            }
          }
          if (position != null) {
            batch.put(handles.get(Family.META), Keys.utf8(FOLLOW_POSITION_KEY), positionBytes(position));
          }
          db.write(options, batch);
          return null;
        } catch (RocksDBException e) {
          throw writeFailed("cannot apply change " + change.seq() + " to store " + dir, e);
        }
      });
      for (Change.Op op : change.ops()) {
        if (Change.family(op) == Family.EVENTS && op.value().isPresent() && op.key().length == Long.BYTES) {
          newestEvent = Math.max(newestEvent, Keys.eventSeq(op.key()));
        }
      }
      if (newestEvent > lastEventSeq) {
        lastEventSeq = newestEvent;
      } else {
        newestEvent = 0;
      }
    }
    if (newestEvent > 0) {
      eventsCommitted.accept(newestEvent);
    }
  }

  private static byte[] positionBytes(Change.Position position) {
    return java.nio.ByteBuffer.allocate(2 * Long.BYTES).putLong(position.epoch()).putLong(position.seq()).array();
  }

  /** Where this follower's store stands in its leader's change log, if it copied any change. */
  public Optional<Change.Position> followPosition() {
    return meta(FOLLOW_POSITION_KEY).filter(v -> v.length == 2 * Long.BYTES).map(v -> {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v);
      return new Change.Position(b.getLong(), b.getLong());
    });
  }

  private long firstSeq(Family family) {
    try (RocksIterator it = db.newIterator(handles.get(family))) {
      it.seekToFirst();
      return it.isValid() ? Keys.eventSeq(it.key()) : 0L;
    }
  }

  private long boundary(Family family) {
    try (RocksIterator it = db.newIterator(handles.get(family))) {
      it.seekToLast();
      return it.isValid() ? Keys.eventSeq(it.key()) : 0L;
    }
  }

  /** The seq of the newest event, 0 when none was ever written (pruning always keeps the newest). */
  public long lastEventSeq() {
    return lastEventSeq;
  }

  /** The seq of the oldest retained event, 0 when there is none. */
  public long firstEventSeq() {
    return guarded(() -> boundaryEvent(true));
  }

  private long boundaryEvent(boolean first) {
    try (RocksIterator it = db.newIterator(handles.get(Family.EVENTS))) {
      if (first) {
        it.seekToFirst();
      } else {
        it.seekToLast();
      }
      return it.isValid() ? Keys.eventSeq(it.key()) : 0L;
    }
  }

  /** Runs {@code listener} with the newest seq after every commit that wrote events, on the committing thread. */
  public void onEventsCommitted(java.util.function.LongConsumer listener) {
    this.eventsCommitted = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Visits the events after {@code afterSeq} in seq order until {@code visitor} returns false. */
  public void forEachEvent(long afterSeq, EventVisitor visitor) {
    forEachSeq(Family.EVENTS, "events", afterSeq, visitor::visit);
  }

  // The change log and the event log share one key form (a big-endian seq), so one walk reads both.
  private void forEachSeq(Family family, String what, long afterSeq, EventVisitor visitor) {
    guarded(() -> {
      try (RocksIterator it = db.newIterator(handles.get(family))) {
        for (it.seek(Keys.event(afterSeq + 1)); it.isValid(); it.next()) {
          if (!visitor.visit(Keys.eventSeq(it.key()), it.value())) {
            break;
          }
        }
        it.status();
        return null;
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the " + what + " of store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** Deletes every event below {@code seq} (retention); the newest event is never below it. */
  public void deleteEventsBefore(long seq) {
    if (seq > lastEventSeq) {
      throw new IllegalArgumentException("cannot delete events before " + seq + ": the newest is " + lastEventSeq
          + " and is always kept (expected: at most " + lastEventSeq + ")");
    }
    guarded(() -> {
      try {
        db.deleteRange(handles.get(Family.EVENTS), Keys.event(1), Keys.event(seq));
        return null;
      } catch (RocksDBException e) {
        throw writeFailed("cannot delete events before " + seq + " from store " + dir, e);
      }
    });
  }

  /** The envelope stored under {@code entryId}, if any. */
  public Optional<byte[]> envelope(byte[] entryId) {
    return Optional.ofNullable(get(Family.ENVELOPES, Keys.entryId(entryId)));
  }

  /** The ids of the stored entries whose id starts with {@code prefix} (at most 32 bytes), in id order. */
  public List<byte[]> envelopeIdsWithPrefix(byte[] prefix) {
    if (prefix.length > Keys.ID_LENGTH) {
      throw new IllegalArgumentException("entry id prefix of " + prefix.length + " bytes (expected: at most 32)");
    }
    byte[] p = prefix.clone();
    return guarded(() -> {
      List<byte[]> ids = new ArrayList<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.ENVELOPES))) {
        for (it.seek(p); it.isValid() && Keys.startsWith(it.key(), p); it.next()) {
          ids.add(it.key());
        }
      }
      return ids;
    });
  }

  /** The highest seq stored for {@code member}, or 0 when its feed is empty. */
  public long feedHead(String member) {
    byte[] prefix = Keys.feedPrefix(member);
    return guarded(() -> {
      try (RocksIterator it = db.newIterator(handles.get(Family.FEEDS))) {
        it.seekForPrev(Keys.feed(member, Long.MAX_VALUE));
        if (it.isValid() && Keys.startsWith(it.key(), prefix) && it.key().length == prefix.length + Long.BYTES) {
          return Keys.feedSeq(it.key());
        }
        return 0L;
      }
    });
  }

  /** The entry id at {@code seq} of {@code member}'s feed, if stored. */
  public Optional<byte[]> feedEntry(String member, long seq) {
    return Optional.ofNullable(get(Family.FEEDS, Keys.feed(member, seq)));
  }

  /** The ids of the entries indexed under signal {@code type}/{@code value}, in id order. */
  public List<byte[]> signalEntries(String type, String value) {
    byte[] prefix = Keys.signalPrefix(type, value);
    return guarded(() -> {
      List<byte[]> ids = new ArrayList<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.SIGNALS))) {
        for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
          ids.add(Keys.suffix(it.key(), Keys.ID_LENGTH));
        }
      }
      return ids;
    });
  }

  /**
   * Visits the signal index after {@code afterKey} (an opaque key a visit returned; empty for the
   * start) in key order until {@code visitor} returns false: every submission ever stored, by
   * type, value and entry id.
   */
  public void forEachSignal(byte[] afterKey, SignalVisitor visitor) {
    guarded(() -> {
      try (RocksIterator it = db.newIterator(handles.get(Family.SIGNALS))) {
        it.seek(afterKey);
        if (it.isValid() && Arrays.equals(it.key(), afterKey)) {
          it.next();
        }
        for (; it.isValid(); it.next()) {
          if (!visitor.visit(it.key(), Keys.suffix(it.key(), Keys.ID_LENGTH))) {
            break;
          }
        }
        it.status();
        return null;
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the signal index of store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** The ids of the entries that refer to {@code target} (retractions, opinions), in id order. */
  public List<byte[]> refsTo(byte[] target) {
    byte[] prefix = Keys.entryId(target);
    return guarded(() -> {
      List<byte[]> ids = new ArrayList<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.REFS))) {
        for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
          ids.add(Keys.suffix(it.key(), Keys.ID_LENGTH));
        }
      }
      return ids;
    });
  }

  /** The watch family's value under {@code key}, if any. */
  public Optional<byte[]> watched(byte[] key) {
    return Optional.ofNullable(get(Family.WATCH, key));
  }

  /** Visits the watch family's records whose key starts with {@code prefix}, in key order, until {@code visitor} returns false. */
  public void forEachWatched(byte[] prefix, WatchVisitor visitor) {
    guarded(() -> {
      try (RocksIterator it = db.newIterator(handles.get(Family.WATCH))) {
        for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
          if (!visitor.visit(it.key(), it.value())) {
            break;
          }
        }
        it.status();
        return null;
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the watched items of store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** The metadata value under {@code key}, if any. */
  public Optional<byte[]> meta(String key) {
    return Optional.ofNullable(get(Family.META, Keys.utf8(key)));
  }

  /** The provenance log record under {@code key}, if any. */
  public Optional<byte[]> log(byte[] key) {
    return Optional.ofNullable(get(Family.LOG, key));
  }

  /** Every provenance log record whose key starts with {@code prefix}, in key order. */
  public Map<byte[], byte[]> logWithPrefix(byte[] prefix) {
    return guarded(() -> {
      Map<byte[], byte[]> out = new LinkedHashMap<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.LOG))) {
        for (it.seek(prefix); it.isValid() && Keys.startsWith(it.key(), prefix); it.next()) {
          out.put(it.key(), it.value());
        }
      }
      return out;
    });
  }

  /** Every metadata entry whose key starts with {@code prefix}, in key order. */
  public Map<String, byte[]> metaWithPrefix(String prefix) {
    byte[] p = Keys.utf8(prefix);
    return guarded(() -> {
      Map<String, byte[]> out = new LinkedHashMap<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.META))) {
        for (it.seek(p); it.isValid() && Keys.startsWith(it.key(), p); it.next()) {
          out.put(new String(it.key(), StandardCharsets.UTF_8), it.value());
        }
      }
      return out;
    });
  }

  /**
   * Visits every feed entry with its envelope, member by member in seq order: the order in which
   * a rebuild must replay them so that a retraction always follows what it retracts.
   */
  public void forEachFeedEntry(FeedVisitor visitor) {
    guarded(() -> {
      try (ReadOptions scan = scanOptions(); RocksIterator it = db.newIterator(handles.get(Family.FEEDS), scan)) {
        MemberKeys members = new MemberKeys();
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] key = it.key();
          byte[] id = it.value();
          byte[] envelope = db.get(handles.get(Family.ENVELOPES), id);
          if (envelope == null) {
            throw new StoreException("store " + dir + " is inconsistent: feed " + Keys.feedMember(key) + " seq "
                + Keys.feedSeq(key) + " names an entry with no envelope");
          }
          visitor.visit(members.of(key), Keys.feedSeq(key), id, envelope);
        }
        it.status();
        return null;
      } catch (RocksDBException e) {
        throw new StoreException("cannot read store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** Visits every replay record, member by member in seq order, in one sequential scan. */
  public void forEachReplayRecord(RecordVisitor visitor) {
    forEachReplayRecordAfter(Map.of(), visitor);
  }

  /**
   * Visits the replay records after {@code covered} (member to the last seq already applied; a
   * member it leaves out from its first record), member by member in seq order: one seek per
   * covered member, so a start-up snapshot's replay reads only what was stored after it.
   */
  public void forEachReplayRecordAfter(Map<String, Long> covered, RecordVisitor visitor) {
    guarded(() -> {
      try (ReadOptions scan = scanOptions(); RocksIterator it = db.newIterator(handles.get(Family.REPLAY), scan)) {
        MemberKeys members = new MemberKeys();
        // an iterator stops at an I/O error or a corrupt block as at the end: status() tells them apart
        for (it.seekToFirst(); it.isValid(); ) {
          byte[] key = it.key();
          String member = members.of(key);
          long seq = Keys.feedSeq(key);
          Long last = covered.get(member);
          if (last != null && seq <= last) {
            it.seek(Keys.feed(member, last + 1));
          } else {
            visitor.visit(member, seq, it.value());
            it.next();
          }
        }
        it.status();
        return null;
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the replay records of store " + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /** RocksDB's estimate of the number of replay records, for sizing what a replay builds; 0 when unknown. */
  public long estimatedReplayRecords() {
    return guarded(() -> {
      try {
        return db.getLongProperty(handles.get(Family.REPLAY), "rocksdb.estimate-num-keys");
      } catch (RocksDBException e) {
        return 0L;
      }
    });
  }

  /**
   * The head (highest seq) of every member's feed, in member order; one seek per member, not a
   * scan of the feeds.
   */
  public Map<String, Long> feedHeads() {
    return guarded(() -> {
      Map<String, Long> heads = new LinkedHashMap<>();
      try (RocksIterator it = db.newIterator(handles.get(Family.FEEDS))) {
        for (it.seekToFirst(); it.isValid(); ) {
          String member = Keys.feedMember(it.key());
          it.seekForPrev(Keys.feed(member, Long.MAX_VALUE));
          heads.put(member, Keys.feedSeq(it.key()));
          it.seek(Keys.afterFeed(member));
        }
        it.status();
      } catch (RocksDBException e) {
        throw new StoreException("cannot read the feeds of store " + dir + ": " + e.getMessage(), e);
      }
      return heads;
    });
  }

  private static ReadOptions scanOptions() {
    return new ReadOptions().setFillCache(false).setReadaheadSize(SCAN_READAHEAD_BYTES);
  }

  /** Decodes the member of consecutive feed keys, reusing the last string while the member repeats. */
  private static final class MemberKeys {
    private byte[] lastPrefix = new byte[0];
    private String last;

    String of(byte[] key) {
      int length = key.length - Long.BYTES - 1;
      if (length != lastPrefix.length || !Arrays.equals(key, 0, length, lastPrefix, 0, length)) {
        lastPrefix = Arrays.copyOf(key, length);
        last = Keys.feedMember(key);
      }
      return last;
    }
  }

  private byte[] get(Family family, byte[] key) {
    return guarded(() -> {
      try {
        return db.get(handles.get(family), key);
      } catch (RocksDBException e) {
        throw new StoreException("cannot read " + family.name().toLowerCase(java.util.Locale.ROOT) + " from store "
            + dir + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * The failure of the last write when it failed for want of disk space and writes have not
   * resumed since; empty while writes succeed.
   */
  public Optional<StoreFullException> writeFailure() {
    return Optional.ofNullable(writeFailure);
  }

  // A full disk is its own failure, which passes when space is freed; any other write error is a
  // plain StoreException.
  private StoreException writeFailed(String what, RocksDBException e) {
    Status status = e.getStatus();
    boolean noSpace = status != null && status.getSubCode() == Status.SubCode.NoSpace
        || e.getMessage() != null && e.getMessage().contains("No space left");
    if (!noSpace) {
      return new StoreException(what + ": " + e.getMessage(), e);
    }
    StoreFullException full = new StoreFullException(what + ": the disk is full (" + e.getMessage() + ")", e);
    if (writeFailure == null) {
      LOG.warning(() -> "store " + dir + ": writes fail, the disk is full; they resume when space is freed: "
          + e.getMessage());
    }
    writeFailure = full;
    return full;
  }

  /**
   * After a write failed for want of space, tries to make writes work again: RocksDB keeps such a
   * write error for good (RocksJava has no {@code DB::Resume()}, and a resumed WAL writer keeps
   * its error, facebook/rocksdb#11643), so once a probe file shows free space the database is
   * closed and opened again, which recovers every acknowledged write from the WAL. Returns
   * whether writes work (or never failed); the node calls it periodically while they fail.
   */
  public boolean resumeWrites() {
    synchronized (recovery) {
      if (writeFailure == null) {
        return true;
      }
      if (!FreeSpace.available(dir)) {
        return false;
      }
      lifecycle.writeLock().lock();
      try {
        if (closed) {
          return false;
        }
        closeDb();
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        try {
          adopt(RocksDB.open(dbOptions, dir.toString(), descriptors(cfOptions), opened), opened);
        } catch (RocksDBException e) {
          opened.forEach(ColumnFamilyHandle::close);
          LOG.warning(() -> "store " + dir + ": reopening after a full disk failed, retrying later: " + e.getMessage());
          return false;
        }
        writeFailure = null;
        LOG.info(() -> "store " + dir + ": space is free again, writes resumed");
        return true;
      } finally {
        lifecycle.writeLock().unlock();
      }
    }
  }

  private void closeDb() {
    if (db != null) {
      // a copy in progress fails on its next page and the follower starts it again
      copies.values().forEach(db::releaseSnapshot);
      copies.clear();
      handleList.forEach(ColumnFamilyHandle::close);
      db.close();
      db = null;
    }
  }

  private <T> T guarded(Supplier<T> action) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException("store " + dir + " is closed");
      }
      if (db == null) {
        throw writeFailure;
      }
      return action.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  // A bulk load's writes are only in the memtables: write them to table files before closing.
  private void flushAll() {
    try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
      db.flush(wait, handleList);
    } catch (RocksDBException e) {
      throw new StoreException("cannot flush the bulk load into store " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes the database and frees every native handle; idempotent. Acknowledged writes are
   * already in the WAL; a store opened for a bulk load flushes its writes to disk first.
   */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (bulk) {
          flushAll();
        }
      } finally {
        closeDb();
        writeOptions.close();
        copyWriteOptions.close();
        cfOptions.close();
        dbOptions.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
