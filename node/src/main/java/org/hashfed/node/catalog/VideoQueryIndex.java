package org.hashfed.node.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * Videos held as queries (a platform's watched uploads), each under a ref of the caller's, and
 * matched in reverse: a newly shared video finds the held videos it matches, with the figures a
 * {@code /v1/match} of each held video would report against a catalog of the new video alone.
 *
 * <p>Every frame hash of every held video sits in a PDQ index of its own, so a new video costs one
 * index search per distinct frame hash it has, whatever the number of videos held; comparing the new
 * video with each held one in turn would cost a search per held video. Thread-safe.
 */
public final class VideoQueryIndex {

  /** A held video that a shared one matches, with the median distance of its matched frames. */
  public record Hit(long ref, VideoMatch match, int distance) {}

  private final PdqIndex frames = PdqIndex.create();
  private final Map<Long, IndexedVideo> videos = new ConcurrentHashMap<>();
  private final AtomicLong slots = new AtomicLong();

  private VideoQueryIndex() {}

  /** An empty index. */
  public static VideoQueryIndex create() {
    return new VideoQueryIndex();
  }

  /**
   * The frame hashes a video adds to the index: its distinct hashes of quality 50 or more in every
   * frame set it carries, the frames that take part in matching.
   */
  public static int framesOf(VideoHashes video) {
    return IndexedVideo.of(video).slots();
  }

  /**
   * Holds {@code video} under {@code ref}, replacing what {@code ref} held.
   *
   * @throws IllegalArgumentException when {@code ref} is negative or above 2^46 - 1
   */
  public void add(long ref, VideoHashes video) {
    if (ref < 0 || ref >= 1L << 46) {
      throw new IllegalArgumentException("video ref " + ref + " (expected: 0 to 2^46 - 1)");
    }
    remove(ref);
    IndexedVideo v = IndexedVideo.of(video);
    videos.put(ref, v);
    for (int slot = 0; slot < v.slots(); slot++) {
      frames.add(FrameRefs.of(ref, slot), v.hash(slot));
    }
    slots.addAndGet(v.slots());
  }

  /** Stops matching the video held under {@code ref}; returns whether one was held. */
  public boolean remove(long ref) {
    IndexedVideo v = videos.remove(ref);
    if (v == null) {
      return false;
    }
    for (int slot = 0; slot < v.slots(); slot++) {
      frames.remove(FrameRefs.of(ref, slot));
    }
    slots.addAndGet(-v.slots());
    return true;
  }

  /** Frame hashes held, over all videos. */
  public long frames() {
    return slots.get();
  }

  /**
   * The held videos that {@code shared} matches as the shared side, each held video the query, its
   * frames at {@code maxDistance} (0..63) and its figures admitted by {@code thresholds}; best first.
   */
  public List<Hit> matchedBy(VideoHashes shared, int maxDistance, VideoThresholds thresholds) {
    List<Hit> out = new ArrayList<>();
    for (VideoMatcher.Hit h : VideoMatcher.matchQueries(frames, IndexedVideo.of(shared), maxDistance, thresholds,
        videos::get)) {
      out.add(new Hit(h.listingRef(), h.match(), h.distance()));
    }
    return out;
  }
}
