package org.hashfed.node.config;

import java.time.Duration;
import java.util.Locale;

/** Options of peer sync (spec/sync.md): push fanout, anti-entropy period, batches and the limits on peers. */
public final class SyncOptions {

  /** How a node pushes a new entry. */
  public enum PushMode {
    /** To {@code fanout} peers, each made responsible for relaying to a share of the rest (the default). */
    TREE,
    /** To every active peer, and every peer that finds it new does the same: the naive baseline. */
    FLOOD;

    /** Parses {@code tree} or {@code flood}. */
    public static PushMode parse(String text) {
      for (PushMode m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(text)) {
          return m;
        }
      }
      throw new ConfigException("invalid sync.push \"" + text + "\": expected tree or flood");
    }
  }

  private final int fanout;
  private final Duration antiEntropy;
  private final int batch;
  private final PushMode push;
  private final int pendingPerMember;
  private final int pendingTotal;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final int rateLimit;

  private SyncOptions(int fanout, Duration antiEntropy, int batch, PushMode push, int pendingPerMember,
      int pendingTotal, long maxBodyBytes, Duration timeout, int rateLimit) {
    this.fanout = fanout;
    this.antiEntropy = antiEntropy;
    this.batch = batch;
    this.push = push;
    this.pendingPerMember = pendingPerMember;
    this.pendingTotal = pendingTotal;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
    this.rateLimit = rateLimit;
  }

  /** The defaults: fanout 3, anti-entropy every 2 s, batches of 256, tree push. */
  public static SyncOptions defaults() {
    return new SyncOptions(3, Duration.ofSeconds(2), 256, PushMode.TREE, 1024, 10_000, 4L * 1024 * 1024,
        Duration.ofSeconds(5), 100);
  }

  /**
   * Validated options.
   *
   * @throws ConfigException naming the first option out of range
   */
  public static SyncOptions of(int fanout, Duration antiEntropy, int batch, PushMode push, int pendingPerMember,
      int pendingTotal, long maxBodyBytes, Duration timeout, int rateLimit) {
    check("sync.fanout", fanout, 1, 100);
    check("sync.anti_entropy_ms", antiEntropy.toMillis(), 50, 3_600_000);
    check("sync.batch", batch, 1, 1000);
    check("sync.pending_per_member", pendingPerMember, 1, 100_000);
    check("sync.pending_total", pendingTotal, pendingPerMember, 1_000_000);
    check("peer.max_body_bytes", maxBodyBytes, 64 * 1024, 256L * 1024 * 1024);
    check("peer.timeout_ms", timeout.toMillis(), 100, 600_000);
    check("peer.rate_limit", rateLimit, 1, 100_000);
    return new SyncOptions(fanout, antiEntropy, batch, push, pendingPerMember, pendingTotal, maxBodyBytes, timeout,
        rateLimit);
  }

  private static void check(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException("invalid " + name + " " + value + ": expected " + min + ".." + max);
    }
  }

  /** Peers a node pushes a new entry to. */
  public int fanout() {
    return fanout;
  }

  /** Period of the anti-entropy exchange with one random peer. */
  public Duration antiEntropy() {
    return antiEntropy;
  }

  /** Most entries in one fetched or pushed batch. */
  public int batch() {
    return batch;
  }

  /** How new entries are pushed. */
  public PushMode push() {
    return push;
  }

  /** Most out-of-order entries held for one member. */
  public int pendingPerMember() {
    return pendingPerMember;
  }

  /** Most out-of-order entries held in all. */
  public int pendingTotal() {
    return pendingTotal;
  }

  /** Largest peer request or response body, in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Connect and idle timeout of peer requests. */
  public Duration timeout() {
    return timeout;
  }

  /** Requests per second one peer may make before it gets 429. */
  public int rateLimit() {
    return rateLimit;
  }

  /** A copy with another fanout. */
  public SyncOptions withFanout(int v) {
    return of(v, antiEntropy, batch, push, pendingPerMember, pendingTotal, maxBodyBytes, timeout, rateLimit);
  }

  /** A copy with another anti-entropy period. */
  public SyncOptions withAntiEntropy(Duration v) {
    return of(fanout, v, batch, push, pendingPerMember, pendingTotal, maxBodyBytes, timeout, rateLimit);
  }

  /** A copy with another batch size. */
  public SyncOptions withBatch(int v) {
    return of(fanout, antiEntropy, v, push, pendingPerMember, pendingTotal, maxBodyBytes, timeout, rateLimit);
  }

  /** A copy with another push mode. */
  public SyncOptions withPush(PushMode v) {
    return of(fanout, antiEntropy, batch, v, pendingPerMember, pendingTotal, maxBodyBytes, timeout, rateLimit);
  }

  /** A copy with other pending bounds. */
  public SyncOptions withPending(int perMember, int total) {
    return of(fanout, antiEntropy, batch, push, perMember, total, maxBodyBytes, timeout, rateLimit);
  }

  /** A copy with another peer body limit. */
  public SyncOptions withMaxBodyBytes(long v) {
    return of(fanout, antiEntropy, batch, push, pendingPerMember, pendingTotal, v, timeout, rateLimit);
  }

  /** A copy with another peer timeout. */
  public SyncOptions withTimeout(Duration v) {
    return of(fanout, antiEntropy, batch, push, pendingPerMember, pendingTotal, maxBodyBytes, v, rateLimit);
  }

  /** A copy with another per-peer rate limit. */
  public SyncOptions withRateLimit(int v) {
    return of(fanout, antiEntropy, batch, push, pendingPerMember, pendingTotal, maxBodyBytes, timeout, v);
  }

  @Override
  public String toString() {
    return "SyncOptions{fanout=" + fanout + ", antiEntropy=" + antiEntropy.toMillis() + "ms, batch=" + batch
        + ", push=" + push.name().toLowerCase(Locale.ROOT) + ", pending=" + pendingPerMember + "/" + pendingTotal
        + ", maxBodyBytes=" + maxBodyBytes + ", timeout=" + timeout.toMillis() + "ms, rateLimit=" + rateLimit + "}";
  }
}
