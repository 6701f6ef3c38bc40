package org.hashfed.node.follow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When the changes of a change log were committed, coarsely: enough to tell which ones are older
 * than the retention. It keeps marks (time, seq), each saying that changes up to seq were
 * committed by that time, at least {@code retention / 256} apart, so it holds a few hundred marks
 * whatever the write rate. Changes from before this node started count as committed at its start,
 * so a restart delays their pruning, never hastens it.
 */
final class ChangeRetention {

  private static final int MARKS = 256;

  private final Duration retention;
  private final Clock clock;
  private final long spacingMillis;
  private final Deque<long[]> marks = new ArrayDeque<>();

  ChangeRetention(Duration retention, Clock clock, long lastAtStart) {
    this.retention = retention;
    this.clock = clock;
    this.spacingMillis = Math.max(1, retention.toMillis() / MARKS);
    marks.addLast(new long[] {clock.millis(), lastAtStart});
  }

  long now() {
    return clock.millis();
  }

  /** Notes that change {@code seq} was committed now. */
  synchronized void committed(long seq) {
    long now = clock.millis();
    long[] last = marks.peekLast();
    if (seq <= last[1]) {
      return;
    }
    long[] beforeLast = marks.size() >= 2 ? secondLast() : null;
    if (beforeLast != null && now - beforeLast[0] < spacingMillis) {
      // the last mark is within the spacing of the one before: move it up instead of adding one
      last[0] = now;
      last[1] = seq;
    } else {
      marks.addLast(new long[] {now, seq});
    }
  }

  /** The newest change committed longer than the retention ago, 0 when none is known to be. */
  synchronized long expiredThrough() {
    long cutoff = clock.millis() - retention.toMillis();
    // keep the newest expired mark: the marks before it say nothing more
    while (marks.size() >= 2 && secondOf(marks)[0] <= cutoff) {
      marks.removeFirst();
    }
    long[] first = marks.peekFirst();
    return first[0] <= cutoff ? first[1] : 0;
  }

  private static long[] secondOf(Deque<long[]> marks) {
    var it = marks.iterator();
    it.next();
    return it.next();
  }

  private long[] secondLast() {
    long[] last = marks.removeLast();
    long[] before = marks.peekLast();
    marks.addLast(last);
    return before;
  }
}
