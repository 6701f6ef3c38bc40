package org.hashfed.node.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.hashfed.node.catalog.VideoMatch;

/** The JSON form of a video match, one for {@code /v1/match} and {@code retro.match} (spec/openapi.yaml, VideoMatch). */
public final class VideoMatchJson {

  private VideoMatchJson() {}

  /** {@code {"query_percent", "compared_percent", "compared_matched", "via", "ranges", "query_ranges"}}, seconds. */
  public static JsonObject of(VideoMatch v) {
    return new JsonObject()
        .put("query_percent", round1(v.queryPercent()))
        .put("compared_percent", round1(v.comparedPercent()))
        .put("compared_matched", v.comparedMatched())
        .put("via", v.via())
        .put("ranges", ranges(v.ranges()))
        .put("query_ranges", ranges(v.queryRanges()));
  }

  private static JsonArray ranges(List<VideoMatch.TimeRange> ranges) {
    JsonArray a = new JsonArray();
    for (VideoMatch.TimeRange r : ranges) {
      a.add(new JsonObject().put("from", r.fromMillis() / 1000.0).put("to", r.toMillis() / 1000.0));
    }
    return a;
  }

  private static double round1(double p) {
    return Math.round(p * 10) / 10.0;
  }
}
