package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.hashfed.node.config.ImageOptions;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageLimits;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;

/**
 * Decodes uploaded images and hashes them with PDQ on a {@link DecodePool} of their own,
 * {@code image.decode_threads} wide with at most {@code image.queue} uploads waiting, within the
 * {@code image.*} limits; an upload beyond the queue is a 503 with Retry-After.
 */
final class ImageHashing {

  /** What hashes one file; the node's decodes it with {@link ImageLoader} and hashes it with {@link PdqHasher}. */
  interface Hasher {
    PdqResult hash(Path file, ImageLimits limits) throws ImageDecodeException;
  }

  private final DecodePool pool;
  private final ImageLimits limits;
  private final Hasher hasher;

  ImageHashing(Vertx vertx, ImageOptions options) {
    this(vertx, options, (file, limits) -> new PdqHasher().hash(ImageLoader.read(file, limits)));
  }

  ImageHashing(Vertx vertx, ImageOptions options, Hasher hasher) {
    this.pool = new DecodePool(vertx, "image", options.decodeThreads(), options.queue());
    this.limits = options.limits();
    this.hasher = hasher;
  }

  /** The outcome of hashing one upload as an image: its PDQ, or why it has none. */
  record Outcome(PdqResult pdq, ImageDecodeException problem) {}

  /**
   * Hashes a file already on disk, stopping (outcome CANCELLED) if {@code abandoned} completes first;
   * fails with a 503 problem when the pool and its queue are full.
   */
  Future<Outcome> hash(Path file, Future<?> abandoned) {
    return pool.submit(() -> {
      try {
        return new Outcome(hasher.hash(file, limits), null);
      } catch (ImageDecodeException e) {
        return new Outcome(null, e);
      }
    }, abandoned);
  }
}
