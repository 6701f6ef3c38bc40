package org.hashfed.node.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import org.hashfed.node.entries.LedgerListener;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.log.Rfc6962;

/**
 * The node's provenance log: every accepted entry (and every roster update or evidence document
 * handed to {@link #appendDocument}) becomes a leaf of an RFC 6962 Merkle tree, in acceptance
 * order, stored in the same atomic batch as the entry itself.
 *
 * <p>Leaves are envelopes in their canonical JSON form ({@code Envelope.toJson()}, spec/log.md
 * section 1), never the bytes a peer sent, which is also the form the store holds; entry leaves
 * reference the stored envelope instead of copying it. Reads (roots, proofs, leaves) only see committed leaves: {@link #size()}
 * advances after the batch is durable.
 */
public final class ProvenanceLog implements LedgerListener {

  private static final Logger LOG = Logger.getLogger(ProvenanceLog.class.getName());
  private static final byte REF_ENTRY = 'e';
  private static final byte REF_DOCUMENT = 'd';
  private static final int BACKFILL_BATCH = 10_000;

  private final Store store;
  private final StagedHashStore hashes;
  private final List<LongConsumer> growthListeners = new CopyOnWriteArrayList<>();
  private volatile MerkleTree tree;
  private volatile long committed;
  private long staged;

  private ProvenanceLog(Store store) {
    this.store = store;
    this.hashes = new StagedHashStore(store);
    this.tree = MerkleTree.open(hashes);
    this.committed = tree.size();
    this.staged = committed;
  }

  /** The log held in {@code store}, empty on first start; blocking. */
  public static ProvenanceLog open(Store store) {
    return new ProvenanceLog(store);
  }

  /** Calls {@code listener} with the new size after each durable append. */
  public void onGrowth(LongConsumer listener) {
    growthListeners.add(listener);
  }

  /**
   * Appends every stored entry to an empty log, feed by feed, for a store written before the log
   * existed; does nothing when the log has leaves already. Blocking; run before the ledger accepts entries.
   */
  public synchronized void backfill() {
    if (committed > 0) {
      return;
    }
    List<byte[]> ids = new ArrayList<>();
    List<Hash32> leafHashes = new ArrayList<>();
    store.forEachFeedEntry((member, seq, id, envelope) -> {
      ids.add(id);
      leafHashes.add(Rfc6962.leafHash(envelope));
      if (ids.size() == BACKFILL_BATCH) {
        commitBackfill(ids, leafHashes);
      }
    });
    if (!ids.isEmpty()) {
      commitBackfill(ids, leafHashes);
    }
    if (committed > 0) {
      LOG.info(() -> "provenance log: appended " + committed + " entries stored before the log existed");
    }
  }

  private void commitBackfill(List<byte[]> ids, List<Hash32> leafHashes) {
    StoreWrite w = StoreWrite.create();
    long first = committed;
    for (int i = 0; i < ids.size(); i++) {
      putLeafRef(w, first + i, ids.get(i), null);
    }
    hashes.stageInto(w);
    try {
      tree.appendLeafHashes(leafHashes);
    } finally {
      hashes.staged();
    }
    staged = tree.size();
    store.commit(w);
    durable();
    ids.clear();
    leafHashes.clear();
  }

  /** Stages the entry's leaf into the entry's own batch (the ledger calls this under its lock). */
  @Override
  public synchronized void beforeCommit(SignedEntry entry, StoreWrite write) {
    beforeCommitAll(List.of(entry), write);
  }

  /**
   * Stages the leaves of entries that commit in one batch, in order, with the tree nodes they
   * add (the ledger calls this under its lock).
   */
  @Override
  public synchronized void beforeCommitAll(List<SignedEntry> entries, StoreWrite write) {
    if (entries.isEmpty()) {
      return;
    }
    recoverIfUncommitted();
    long first = staged;
    List<Hash32> leafHashes = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      SignedEntry e = entries.get(i);
      putLeafRef(write, first + i, e.id().bytes(), null);
      leafHashes.add(Rfc6962.leafHash(e.envelope().toJson()));
    }
    hashes.stageInto(write);
    try {
      tree.appendLeafHashes(leafHashes);
    } finally {
      hashes.staged();
    }
    staged = tree.size();
  }

  /** Marks the staged leaf durable. */
  @Override
  public void afterCommit(SignedEntry entry) {
    durable();
  }

  /**
   * Appends a DSSE envelope that is not an entry (a roster version, equivocation evidence) as a
   * leaf in its own durable batch, and returns its index. Call it where the ledger's writes are
   * serialised ({@code synchronized (ledger.writeLock()) { ... }}, as every ledger write is), so that
   * no entry is staged meanwhile. Blocking.
   *
   * @throws IllegalStateException when an entry is staged but not yet committed
   */
  public long appendDocument(byte[] envelope) {
    long index;
    synchronized (this) {
      StoreWrite w = StoreWrite.create();
      index = stage(envelope, null, w);
      store.commit(w);
    }
    durable();
    return index;
  }

  /**
   * Appends several non-entry envelopes in one durable batch (importing roster history, benchmarks);
   * returns the index of the first. Same serialisation rule as {@link #appendDocument}.
   */
  public long appendDocuments(List<byte[]> envelopes) {
    return appendDocuments(envelopes, StoreWrite.create());
  }

  /**
   * Appends non-entry envelopes in {@code write}, which may already hold records that must commit
   * with them (a note of what was logged); same serialisation rule as {@link #appendDocument}.
   */
  long appendDocuments(List<byte[]> envelopes, StoreWrite write) {
    if (envelopes.isEmpty()) {
      throw new IllegalArgumentException("nothing to append (expected: at least one envelope)");
    }
    long first;
    synchronized (this) {
      recoverIfUncommitted();
      StoreWrite w = write;
      first = staged;
      List<Hash32> leafHashes = new ArrayList<>(envelopes.size());
      for (int i = 0; i < envelopes.size(); i++) {
        putLeafRef(w, first + i, null, envelopes.get(i));
        leafHashes.add(Rfc6962.leafHash(envelopes.get(i)));
      }
      hashes.stageInto(w);
      try {
        tree.appendLeafHashes(leafHashes);
      } finally {
        hashes.staged();
      }
      staged = tree.size();
      store.commit(w);
    }
    durable();
    return first;
  }

  private void recoverIfUncommitted() {
    if (staged != committed) {
      // The batch of the previous leaf never committed (its store write failed): forget it.
      tree = MerkleTree.open(hashes);
      staged = tree.size();
      if (staged != committed) {
        throw new StoreException("provenance log size " + staged + " in the store differs from the "
            + committed + " leaves known durable");
      }
    }
  }

  private long stage(byte[] leafData, byte[] entryId, StoreWrite write) {
    recoverIfUncommitted();
    long index = staged;
    putLeafRef(write, index, entryId, leafData);
    hashes.stageInto(write);
    try {
      tree.append(leafData);
    } finally {
      hashes.staged();
    }
    staged = index + 1;
    return index;
  }

  private static void putLeafRef(StoreWrite write, long index, byte[] entryId, byte[] document) {
    byte[] ref;
    if (entryId != null) {
      ref = new byte[1 + entryId.length];
      ref[0] = REF_ENTRY;
      System.arraycopy(entryId, 0, ref, 1, entryId.length);
      write.putLog(LogKeys.entryId(entryId), LogKeys.number(index));
    } else {
      ref = new byte[1 + document.length];
      ref[0] = REF_DOCUMENT;
      System.arraycopy(document, 0, ref, 1, document.length);
    }
    write.putLog(LogKeys.leaf(index), ref);
  }

  private void durable() {
    long size;
    synchronized (this) {
      committed = staged;
      size = committed;
    }
    for (LongConsumer l : growthListeners) {
      l.accept(size);
    }
  }

  /** Number of durable leaves. */
  public long size() {
    return committed;
  }

  /** The root of the tree of the first {@code treeSize} durable leaves. */
  public Hash32 root(long treeSize) {
    checkSize(treeSize);
    return tree.root(treeSize);
  }

  /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves. */
  public List<Hash32> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    return tree.inclusionProof(index, treeSize);
  }

  /** The consistency proof between the trees of {@code from} and {@code to} leaves. */
  public List<Hash32> consistencyProof(long from, long to) {
    checkSize(to);
    return tree.consistencyProof(from, to);
  }

  /** The stored hash of leaf {@code index}. */
  public Hash32 leafHash(long index) {
    checkIndex(index);
    return tree.leafHash(index);
  }

  /** The data of leaf {@code index}: the envelope in canonical JSON form, as the store holds it. */
  public byte[] leaf(long index) {
    checkIndex(index);
    byte[] ref = store.log(LogKeys.leaf(index)).orElseThrow(() -> corrupt("no leaf record for index " + index));
    byte[] rest = Arrays.copyOfRange(ref, 1, ref.length);
    if (ref[0] == REF_DOCUMENT) {
      return rest;
    }
    if (ref[0] != REF_ENTRY) {
      throw corrupt("leaf " + index + " has an unknown reference kind " + ref[0]);
    }
    return store.envelope(rest).orElseThrow(() -> corrupt("leaf " + index + " names an entry with no envelope"));
  }

  /** The index of the entry's leaf, if the entry is in the log. */
  public Optional<Long> indexOf(EntryId id) {
    return store.log(LogKeys.entryId(id.bytes())).map(LogKeys::number);
  }

  private void checkSize(long treeSize) {
    long size = committed;
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " (expected: 0.." + size + ", the log's size)");
    }
  }

  private void checkIndex(long index) {
    long size = committed;
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " (expected: 0.." + (size - 1) + ")");
    }
  }

  private StoreException corrupt(String what) {
    return new StoreException("provenance log in store " + store.dir() + " is corrupt: " + what);
  }
}
