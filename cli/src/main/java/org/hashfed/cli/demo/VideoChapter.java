package org.hashfed.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The video part of the demo: acme shares a video's vPDQ hashes, and gamma matches a copy with
 * bars added and a lower bit rate, which plain vPDQ's whole-frame hashes miss.
 */
final class VideoChapter {

  private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(20);

  private final Map<String, DemoApi> apis;
  private final Path dir;
  private VideoHashes shared;
  private String entry;

  VideoChapter(Map<String, DemoApi> apis, Path dir) {
    this.apis = apis;
    this.dir = dir;
  }

  void share(List<String> d) throws Exception {
    Path video = DemoVideo.write(dir);
    shared = DemoVideo.hash(video);
    entry = apis.get(DemoStory.SUBMITTER).submitVideo(shared.base64(), DemoStory.LABEL,
        "hashfed demo: example video").path("entry_id").asText();
    d.add("video   " + video + " (" + shared.frames().size() + " frames hashed, one a second)");
    d.add("vpdq    " + shared.digest() + "  entry " + DemoStory.shortId(entry));
    shared.content().ifPresent(c -> d.add(String.format(Locale.ROOT,
        "bars    found: content area %dx%d at %d,%d, hashed as well (spec/video.md)", c.width(), c.height(), c.x(),
        c.y())));
  }

  void matchCopy(List<String> d) throws Exception {
    Path copy = DemoVideo.letterboxedCopy(dir.resolve(DemoVideo.RESOURCE));
    VideoHashes copyHashes = DemoVideo.hash(copy);
    d.add(String.format(Locale.ROOT, "copy    %s (bars of %d%% added top and bottom, re-encoded at %d kbit/s)", copy,
        Math.round(DemoVideo.LETTERBOX * 100), DemoVideo.KBPS));
    DemoApi gamma = apis.get(DemoStory.MATCHER);
    long start = System.nanoTime();
    JsonNode m = null;
    while (m == null) {
      for (JsonNode candidate : gamma.matchVideo(copyHashes.base64())) {
        if (entry.equals(candidate.path("entry_id").asText())) {
          m = candidate;
        }
      }
      if (m == null && System.nanoTime() - start > PROPAGATION_TIMEOUT.toNanos()) {
        throw new DemoException("the letterboxed copy did not match acme's video entry on " + DemoStory.MATCHER
            + " within " + PROPAGATION_TIMEOUT.toSeconds() + " s");
      }
      if (m == null) {
        Thread.sleep(50);
      }
    }
    JsonNode v = m.path("video");
    d.add(String.format(Locale.ROOT, "match   %s's entry %s  %.0f%% of the copy's frames, %.0f%% of the video's,"
        + " via %s hashes", m.path("member").asText(), DemoStory.shortId(entry), v.path("query_percent").asDouble(),
        v.path("compared_percent").asDouble(), v.path("via").asText()));
    JsonNode r = v.path("ranges").path(0);
    d.add(String.format(Locale.ROOT, "        matched from %.1f s to %.1f s of the shared video  trust %s  confidence %.2f",
        r.path("from").asDouble(), r.path("to").asDouble(), m.path("trust").asText(),
        m.path("confidence").asDouble()));
    d.add(String.format(Locale.ROOT, "plain   whole-frame vPDQ alone: %d of the copy's %d frames within 31 bits of the"
        + " video's", plainMatches(copyHashes, shared), copyHashes.frames().size()));
  }

  // What a plain vPDQ matcher sees: the copy's whole frames against the video's whole frames.
  private static int plainMatches(VideoHashes query, VideoHashes target) {
    int n = 0;
    for (var q : query.frames()) {
      if (q.quality() >= 50 && target.frames().stream().anyMatch(t -> t.quality() >= 50
          && t.hash().distance(q.hash()) <= 31)) {
        n++;
      }
    }
    return n;
  }
}
