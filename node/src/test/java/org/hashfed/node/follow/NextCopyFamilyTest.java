package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hashfed.node.store.Store;
import org.junit.jupiter.api.Test;

/** Which copy family a follower asks for next: never one it writes itself from the envelopes. */
class NextCopyFamilyTest {

  @Test
  void derivedFamilies_areSkipped_toTheNextOneCopied() {
    StringBuilder asked = new StringBuilder();
    for (int f = 0; f < Store.copyFamilies(); f++) {
      int next = Replicator.notDerived(f);
      asked.append(Store.copyFamilyName(f)).append("->").append(next < 0 ? "end" : Store.copyFamilyName(next))
          .append(' ');
    }
    assertEquals("meta->meta envelopes->envelopes feeds->events signals->events refs->events replay->events "
        + "events->events ", asked.toString());
    assertEquals(-1, Replicator.notDerived(-1), "after the last page");
  }
}
