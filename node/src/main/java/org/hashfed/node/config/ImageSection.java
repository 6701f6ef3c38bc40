package org.hashfed.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** The {@code image:} section of a config file (spec/config.md). */
final class ImageSection {

  private static final Set<String> KEYS = Set.of("max_pixels", "max_jpeg_scans", "decode_timeout_ms",
      "decode_threads", "queue");

  private ImageSection() {}

  static void apply(NodeConfig.Builder b, JsonNode image) {
    if (image == null) {
      return;
    }
    ConfigLoader.requireObject(image, "image", KEYS, "image.");
    ImageOptions o = ImageOptions.defaults();
    if (image.has("max_pixels")) {
      JsonNode n = image.get("max_pixels");
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw new ConfigException("invalid image.max_pixels " + n + ": expected an integer");
      }
      o = o.withMaxPixels(n.longValue());
    }
    if (image.has("max_jpeg_scans")) {
      o = o.withMaxJpegScans(ConfigLoader.integer(image, "max_jpeg_scans", "image."));
    }
    if (image.has("decode_timeout_ms")) {
      o = o.withDecodeTimeout(Duration.ofMillis(ConfigLoader.integer(image, "decode_timeout_ms", "image.")));
    }
    if (image.has("decode_threads")) {
      o = o.withDecodeThreads(ConfigLoader.integer(image, "decode_threads", "image."));
    }
    if (image.has("queue")) {
      o = o.withQueue(ConfigLoader.integer(image, "queue", "image."));
    }
    b.image(o);
  }
}
