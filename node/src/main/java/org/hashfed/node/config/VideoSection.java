package org.hashfed.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** The {@code video:} section of a config file (spec/config.md). */
final class VideoSection {

  private static final Set<String> KEYS = Set.of("max_seconds", "max_frame_pixels", "decode_timeout_ms",
      "seconds_per_hash", "decode_threads", "queue");

  private VideoSection() {}

  static void apply(NodeConfig.Builder b, JsonNode video) {
    if (video == null) {
      return;
    }
    ConfigLoader.requireObject(video, "video", KEYS, "video.");
    VideoOptions o = VideoOptions.defaults();
    if (video.has("max_seconds")) {
      o = o.withMaxDuration(Duration.ofSeconds(ConfigLoader.integer(video, "max_seconds", "video.")));
    }
    if (video.has("max_frame_pixels")) {
      JsonNode n = video.get("max_frame_pixels");
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw new ConfigException("invalid video.max_frame_pixels " + n + ": expected an integer");
      }
      o = o.withMaxFramePixels(n.longValue());
    }
    if (video.has("decode_timeout_ms")) {
      o = o.withDecodeTimeout(Duration.ofMillis(ConfigLoader.integer(video, "decode_timeout_ms", "video.")));
    }
    if (video.has("seconds_per_hash")) {
      JsonNode n = video.get("seconds_per_hash");
      if (!n.isNumber()) {
        throw new ConfigException("invalid video.seconds_per_hash " + n + ": expected a number of seconds, 0..60");
      }
      o = o.withSecondsPerHash(n.doubleValue());
    }
    if (video.has("decode_threads")) {
      o = o.withDecodeThreads(ConfigLoader.integer(video, "decode_threads", "video."));
    }
    if (video.has("queue")) {
      o = o.withQueue(ConfigLoader.integer(video, "queue", "video."));
    }
    b.video(o);
  }
}
