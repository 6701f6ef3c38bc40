package org.hashfed.node.log;

import java.util.List;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.HashStore;
import org.hashfed.protocol.log.TreeNode;

/**
 * The tree's {@link HashStore} on the node's RocksDB store: reads committed hashes from the log
 * family and stages appended ones into the batch that stores the entry, so that a leaf and its
 * entry commit together or not at all.
 *
 * <p>{@link #append} is only valid between {@link #stageInto} and {@link #staged()}, which the
 * owning {@link ProvenanceLog} calls under its lock.
 */
final class StagedHashStore implements HashStore {

  private final Store store;
  private StoreWrite target;

  StagedHashStore(Store store) {
    this.store = store;
  }

  void stageInto(StoreWrite write) {
    this.target = write;
  }

  void staged() {
    this.target = null;
  }

  @Override
  public long size() {
    return store.log(LogKeys.SIZE).map(LogKeys::number).orElse(0L);
  }

  @Override
  public Hash32 get(int level, long index) {
    return store.log(LogKeys.node(level, index)).map(Hash32::of).orElseThrow(() -> new IllegalStateException(
        "the log in store " + store.dir() + " lacks tree node (" + level + ", " + index + "): the store is corrupt"));
  }

  @Override
  public void append(long newSize, List<TreeNode> nodes) {
    if (target == null) {
      throw new IllegalStateException("log append outside a staged store write");
    }
    for (TreeNode n : nodes) {
      target.putLog(LogKeys.node(n.level(), n.index()), n.hash().bytes());
    }
    target.putLog(LogKeys.SIZE, LogKeys.number(newSize));
  }
}
