package org.hashfed.protocol.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HashStore} in memory, for tests and auditors rebuilding a log; hashes are packed into
 * 128 KiB chunks so that tens of millions of leaves cost about 64 bytes each.
 */
public final class MemoryHashStore implements HashStore {

  private static final int CHUNK_HASHES = 4096;

  /** levels.get(l) holds the chunks of level l, hash i at chunk i / CHUNK_HASHES. */
  private final List<List<byte[]>> levels = new ArrayList<>();
  private long size;

  /** An empty store. */
  public MemoryHashStore() {}

  @Override
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized Hash32 get(int level, long index) {
    long count = level < 63 ? size >>> level : 0;
    if (level < 0 || index < 0 || index >= count || level >= levels.size()) {
      throw new IllegalStateException(
          "no node (" + level + ", " + index + ") in a tree of " + size + " leaves");
    }
    byte[] chunk = levels.get(level).get((int) (index / CHUNK_HASHES));
    int offset = (int) (index % CHUNK_HASHES) * Hash32.LENGTH;
    byte[] out = new byte[Hash32.LENGTH];
    System.arraycopy(chunk, offset, out, 0, Hash32.LENGTH);
    return Hash32.of(out);
  }

  @Override
  public synchronized void append(long newSize, List<TreeNode> nodes) {
    if (newSize < size) {
      throw new IllegalArgumentException("cannot shrink the log from " + size + " to " + newSize + " leaves");
    }
    for (TreeNode node : nodes) {
      put(node);
    }
    size = newSize;
  }

  private void put(TreeNode node) {
    while (levels.size() <= node.level()) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> chunks = levels.get(node.level());
    int chunkIndex = Math.toIntExact(node.index() / CHUNK_HASHES);
    while (chunks.size() <= chunkIndex) {
      chunks.add(new byte[CHUNK_HASHES * Hash32.LENGTH]);
    }
    int offset = (int) (node.index() % CHUNK_HASHES) * Hash32.LENGTH;
    System.arraycopy(node.hash().unsafeBytes(), 0, chunks.get(chunkIndex), offset, Hash32.LENGTH);
  }
}
