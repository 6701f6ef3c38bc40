package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.hashfed.node.config.VideoOptions;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VideoSignals;

/**
 * Hashes uploaded videos on a {@link DecodePool} of their own, {@code video.decode_threads} wide with
 * at most {@code video.queue} uploads waiting; an upload beyond the queue is a 503 with Retry-After.
 */
final class VideoHashing {

  /** What hashes one file; the node's is {@link VideoSignals#hash(Path, double, VideoLimits)}. */
  interface Hasher {
    VideoHashes hash(Path file, double secondsPerHash, VideoLimits limits) throws VideoDecodeException;
  }

  private final DecodePool pool;
  private final VideoOptions options;
  private final VideoLimits limits;
  private final Hasher hasher;

  VideoHashing(Vertx vertx, VideoOptions options, long maxFileBytes) {
    this(vertx, options, maxFileBytes, VideoSignals::hash);
  }

  VideoHashing(Vertx vertx, VideoOptions options, long maxFileBytes, Hasher hasher) {
    this.pool = new DecodePool(vertx, "video", options.decodeThreads(), options.queue());
    this.options = options;
    this.limits = options.limits(maxFileBytes);
    this.hasher = hasher;
  }

  /** The outcome of hashing one upload as a video. */
  record Outcome(VideoHashes hashes, VideoDecodeException problem) {}

  /**
   * Hashes a file already on disk, stopping (outcome CANCELLED) if {@code abandoned} completes first;
   * fails with a 503 problem when the pool and its queue are full.
   */
  Future<Outcome> hash(Path file, Future<?> abandoned) {
    return pool.submit(() -> {
      try {
        return new Outcome(hasher.hash(file, options.secondsPerHash(), limits), null);
      } catch (VideoDecodeException e) {
        return new Outcome(null, e);
      }
    }, abandoned);
  }
}
