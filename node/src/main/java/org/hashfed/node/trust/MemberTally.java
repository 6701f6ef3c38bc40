package org.hashfed.node.trust;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many of a member's submissions after {@code sinceSeq} of its feed, not retracted, fall on
 * each UTC day (epoch day): the submission side of the dispute statistics, kept up to date in the
 * batch of every submit and retract so that judging a member never reads its feed.
 */
final class MemberTally {

  private final long sinceSeq;
  private final NavigableMap<Long, Integer> days;

  private MemberTally(long sinceSeq, NavigableMap<Long, Integer> days) {
    this.sinceSeq = sinceSeq;
    this.days = Collections.unmodifiableNavigableMap(days);
  }

  /** No submission counted yet in the window that starts after {@code sinceSeq}. */
  static MemberTally empty(long sinceSeq) {
    if (sinceSeq < 0) {
      throw new IllegalArgumentException("tally since_seq " + sinceSeq + " (expected: >= 0)");
    }
    return new MemberTally(sinceSeq, new TreeMap<>());
  }

  long sinceSeq() {
    return sinceSeq;
  }

  /** This tally with one more submission on {@code day}. */
  MemberTally plus(long day) {
    TreeMap<Long, Integer> next = new TreeMap<>(days);
    next.merge(day, 1, Integer::sum);
    return new MemberTally(sinceSeq, next);
  }

  /** This tally with one submission fewer on {@code day} (a retraction); unchanged when none is counted there. */
  MemberTally minus(long day) {
    Integer n = days.get(day);
    if (n == null) {
      return this;
    }
    TreeMap<Long, Integer> next = new TreeMap<>(days);
    if (n == 1) {
      next.remove(day);
    } else {
      next.put(day, n - 1);
    }
    return new MemberTally(sinceSeq, next);
  }

  /** This tally without the days before {@code firstDay}, which no later window reaches. */
  MemberTally from(long firstDay) {
    if (days.isEmpty() || days.firstKey() >= firstDay) {
      return this;
    }
    return new MemberTally(sinceSeq, new TreeMap<>(days.tailMap(firstDay, true)));
  }

  /** The submissions counted from {@code firstDay} to {@code lastDay}, both included. */
  int count(long firstDay, long lastDay) {
    if (firstDay > lastDay) {
      return 0;
    }
    int n = 0;
    for (int c : days.subMap(firstDay, true, lastDay, true).values()) {
      n += c;
    }
    return n;
  }

  /** The days counted, for tests and the record. */
  Map<Long, Integer> days() {
    return days;
  }

  JsonObject toJson() {
    JsonObject d = new JsonObject();
    days.forEach((day, n) -> d.put(Long.toString(day), n));
    return new JsonObject().put("since_seq", sinceSeq).put("days", d);
  }

  /**
   * A tally as stored.
   *
   * @throws IllegalArgumentException when a field is missing or out of range
   */
  static MemberTally fromJson(JsonObject o) {
    Long since = o.getLong("since_seq");
    JsonObject d = o.getJsonObject("days");
    if (since == null || since < 0 || d == null) {
      throw new IllegalArgumentException("tally without since_seq >= 0 and days: " + o.encode());
    }
    TreeMap<Long, Integer> days = new TreeMap<>();
    for (String key : d.fieldNames()) {
      Integer n = d.getInteger(key);
      if (n == null || n < 1) {
        throw new IllegalArgumentException("tally day " + key + " counts " + n + " (expected: >= 1)");
      }
      days.put(Long.parseLong(key), n);
    }
    return new MemberTally(since, days);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberTally t && t.sinceSeq == sinceSeq && t.days.equals(days);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sinceSeq) * 31 + days.hashCode();
  }

  @Override
  public String toString() {
    return "MemberTally[since_seq=" + sinceSeq + ", days=" + days + "]";
  }
}
