package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnFeedGateTest {

  @Test
  void closedGate_refusesAfterTheWait_namingWhy() {
    OwnFeedGate gate = OwnFeedGate.closed();
    RefusedException e = assertThrows(RefusedException.class, () -> gate.await(Duration.ofMillis(20)));
    assertEquals(Refusal.OWN_FEED_UNCONFIRMED, e.refusal());
    assertTrue(e.getMessage().contains("confirmed with any peer"), e.getMessage());
  }

  @Test
  void aPeerAheadOnThisMembersFeed_doesNotOpenIt_oneNotAheadDoes() {
    OwnFeedGate gate = OwnFeedGate.closed();
    assertFalse(gate.confirm("beta", 3, 7));
    assertFalse(gate.isOpen());
    assertTrue(gate.confirm("beta", 7, 7));
    assertTrue(gate.isOpen());
    // Once open it stays open: the node's own new entries are ahead of what peers hold.
    assertTrue(gate.confirm("gamma", 7, 9));
  }

  @Test
  void waitingWriter_proceedsWhenAPeerConfirms() throws Exception {
    OwnFeedGate gate = OwnFeedGate.closed();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> gate.await(Duration.ofSeconds(30)));
    assertFalse(writer.isDone());
    gate.confirm("beta", 0, 0);
    writer.get(30, TimeUnit.SECONDS);
  }

  @Test
  void openedGate_neverWaits() {
    OwnFeedGate.opened().await(Duration.ZERO);
  }
}
