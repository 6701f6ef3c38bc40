package org.hashfed.node.follow;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;

/**
 * One answer of the leader's {@code GET /follow/v1/copy} (spec/follow.md section 3.1), checked for
 * its framing: the copy's log epoch and change, the copy id, where the next page starts, and the
 * page's ops. What the ops bring is checked by {@link CopiedEntries#checkPage}.
 *
 * @param nextFamily the family the next page starts in, -1 after the last page
 * @param nextKey the key the next page starts after, null for the family's first
 */
record LeaderCopyPage(long epoch, long seq, long copy, int nextFamily, byte[] nextKey, Change change) {

  private static final int HEADER = 3 * Long.BYTES + 2 * Integer.BYTES;

  /** Where the follower asks for its next page. */
  record Next(long copy, int family, byte[] afterKey) {}

  /**
   * Reads page {@code n} of a copy from the leader's answer.
   *
   * @throws IllegalArgumentException naming the page and what in its framing is wrong
   */
  static LeaderCopyPage parse(Buffer body, long n) {
    if (body.length() < HEADER) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy has " + body.length()
          + " bytes (expected: at least " + HEADER + ")");
    }
    long epoch = body.getLong(0);
    long seq = body.getLong(Long.BYTES);
    long copy = body.getLong(2 * Long.BYTES);
    int family = body.getInt(3 * Long.BYTES);
    int keyLength = body.getInt(3 * Long.BYTES + Integer.BYTES);
    int at = HEADER;
    if (keyLength < -1 || keyLength > body.length() - at - Integer.BYTES) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy names a next key of " + keyLength
          + " bytes with " + (body.length() - at) + " left");
    }
    byte[] nextKey = keyLength < 0 ? null : body.getBytes(at, at + keyLength);
    at += Math.max(0, keyLength);
    int length = body.getInt(at);
    at += Integer.BYTES;
    if (length != body.length() - at) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy claims " + length + " bytes with "
          + (body.length() - at) + " left");
    }
    // Checked because the follower skips families by number: a family past the last would end the copy early.
    if (family < -1 || family >= Store.copyFamilies()) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy names next family " + family
          + " (expected: -1 after the last page, or 0 to " + (Store.copyFamilies() - 1) + ")");
    }
    if (epoch == 0 || seq < 0) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy is of log " + epoch + " at change "
          + seq + " (expected: a log's epoch, not 0, and a change, at least 0)");
    }
    try {
      return new LeaderCopyPage(epoch, seq, copy, family, nextKey, Change.decode(n, body.getBytes(at, body.length())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("page " + n + " of the leader's copy: " + e.getMessage(), e);
    }
  }

  /**
   * Where the follower asks for the next page, or empty when this page ends the copy. The derived
   * families are never asked for: the follower writes their records itself from the envelopes
   * ({@link CopiedEntries#checkPage}), so it goes on with the first family after them.
   */
  Optional<Next> next() {
    for (int f = Math.max(nextFamily, 0); nextFamily >= 0 && f < Store.copyFamilies(); f++) {
      if (!DerivedRecords.isDerivedFamily(Store.copyFamilyName(f))) {
        return Optional.of(new Next(copy, f, f == nextFamily ? nextKey : null));
      }
    }
    return Optional.empty();
  }
}
