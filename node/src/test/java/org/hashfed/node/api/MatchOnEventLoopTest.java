package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import org.junit.jupiter.api.Test;

/**
 * Which matches the event loop answers itself: one signal looked up in memory under the default
 * cap; a PDQ search beyond the index's tables, a video, a batch and a larger cap go to a worker.
 */
class MatchOnEventLoopTest {

  private static final Catalog CATALOG = Catalog.create();
  private static final MatchCaps DEFAULT_CAPS = new MatchCaps(100, 10_000);
  private static final String HEX = "f".repeat(16) + "0".repeat(48);
  private static final Signal PDQ = Signal.pdq(HEX, null);

  @Test
  void onePdqSignal_withinTheIndexedDistance_isAnsweredOnTheEventLoop_beyondItOnAWorker() {
    for (int d : new int[] {0, 31, 32}) {
      assertTrue(MatchRoutes.onEventLoop(CATALOG, List.of(PDQ), d, DEFAULT_CAPS), "max_distance " + d);
    }
    for (int d : new int[] {33, 63}) {
      assertFalse(MatchRoutes.onEventLoop(CATALOG, List.of(PDQ), d, DEFAULT_CAPS), "max_distance " + d + " scans");
    }
  }

  @Test
  void exactSignals_atAnyDistance_areAnsweredOnTheEventLoop() {
    Signal md5 = Signal.create(SignalType.MD5, "a".repeat(32), null);
    Signal sha256 = Signal.create(SignalType.SHA256, "b".repeat(64), null);
    assertTrue(MatchRoutes.onEventLoop(CATALOG, List.of(md5), 63, DEFAULT_CAPS));
    assertTrue(MatchRoutes.onEventLoop(CATALOG, List.of(sha256), 63, DEFAULT_CAPS));
  }

  @Test
  void videos_batches_andCapsAboveTheDefault_goToAWorker() throws Exception {
    Signal video = Signal.vpdq(VideoHashes.of(VpdqSignalFormat.parse("[\"" + HEX + ",100,0.0\"]")));
    assertFalse(MatchRoutes.onEventLoop(CATALOG, List.of(video), 31, DEFAULT_CAPS), "a video, frame by frame");
    assertFalse(MatchRoutes.onEventLoop(CATALOG, List.of(PDQ, PDQ), 31, DEFAULT_CAPS), "two signals");
    assertTrue(MatchRoutes.onEventLoop(CATALOG, List.of(PDQ), 31, new MatchCaps(100, 100)));
    assertFalse(MatchRoutes.onEventLoop(CATALOG, List.of(PDQ), 31, new MatchCaps(101, 10_000)),
        "more results to judge and encode than the default cap");
  }
}
