package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.hashfed.node.store.Store;
import org.junit.jupiter.api.Test;

/** The framing of a leader's copy page as a follower reads it, and where it asks for the next one. */
class LeaderCopyPageTest {

  private static final byte[] KEY = {1, 2, 3};
  private static final Buffer NO_OPS = Buffer.buffer().appendInt(0);

  private static Buffer page(long epoch, long seq, int family, byte[] key, Buffer ops) {
    Buffer b = Buffer.buffer().appendLong(epoch).appendLong(seq).appendLong(9).appendInt(family);
    if (key == null) {
      b.appendInt(-1);
    } else {
      b.appendInt(key.length).appendBytes(key);
    }
    return b.appendInt(ops.length()).appendBuffer(ops);
  }

  private static String refused(Buffer body) {
    return assertThrows(IllegalArgumentException.class, () -> LeaderCopyPage.parse(body, 4)).getMessage();
  }

  private static int family(String name) {
    for (int f = 0; f < Store.copyFamilies(); f++) {
      if (Store.copyFamilyName(f).equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no copy family " + name);
  }

  @Test
  void aWellFramedPage_isRead() {
    LeaderCopyPage p = LeaderCopyPage.parse(page(7, 12, family("envelopes"), KEY, NO_OPS), 4);
    assertEquals(7, p.epoch());
    assertEquals(12, p.seq());
    assertEquals(9, p.copy());
    assertArrayEquals(KEY, p.nextKey());
    assertTrue(p.change().ops().isEmpty());
  }

  @Test
  void theNextPage_skipsTheFamiliesTheFollowerDerives() {
    LeaderCopyPage.Next envelopes = LeaderCopyPage.parse(page(7, 12, family("envelopes"), KEY, NO_OPS), 4).next()
        .orElseThrow();
    assertEquals(family("envelopes"), envelopes.family());
    assertArrayEquals(KEY, envelopes.afterKey(), "within a family, the page goes on after its last key");
    for (String derived : new String[] {"feeds", "signals", "refs", "replay"}) {
      LeaderCopyPage.Next next = LeaderCopyPage.parse(page(7, 12, family(derived), KEY, NO_OPS), 4).next()
          .orElseThrow();
      assertEquals(family("events"), next.family(), derived);
      assertNull(next.afterKey(), "a family skipped to starts at its first key");
    }
    assertEquals(Optional.empty(), LeaderCopyPage.parse(page(7, 12, -1, null, NO_OPS), 4).next());
  }

  @Test
  void aFramingThatDoesNotAddUp_isRefusedNamingThePage() {
    assertEquals("page 4 of the leader's copy has 10 bytes (expected: at least 32)",
        refused(Buffer.buffer(new byte[10])));
    assertEquals("page 4 of the leader's copy names a next key of 99 bytes with 8 left",
        refused(page(7, 12, 1, null, NO_OPS).setInt(28, 99)));
    assertEquals("page 4 of the leader's copy claims 5 bytes with 4 left",
        refused(page(7, 12, 1, null, NO_OPS).setInt(32, 5)));
    assertEquals("page 4 of the leader's copy names next family 99 (expected: -1 after the last page, or 0 to "
        + (Store.copyFamilies() - 1) + ")", refused(page(7, 12, 99, null, NO_OPS)));
    assertEquals("page 4 of the leader's copy is of log 0 at change 12 (expected: a log's epoch, not 0, and a "
        + "change, at least 0)", refused(page(0, 12, 1, null, NO_OPS)));
    assertTrue(refused(page(7, 12, 1, null, Buffer.buffer().appendInt(3))).startsWith("page 4 of the leader's copy: "));
  }
}
