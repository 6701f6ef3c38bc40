package org.hashfed.node.hma;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.protocol.signal.SignalType;

/**
 * HMA's signal type names and hashfed's: {@code pdq} and {@code vpdq} are the same, HMA's
 * {@code video_md5} is hashfed's {@code md5}; hashfed's own {@code md5} and {@code sha256} are
 * accepted too.
 */
final class HmaSignalTypes {

  /** The names {@code /m/index/status} lists, in order, with their hashfed types. */
  static final Map<String, SignalType> LISTED = listed();

  private HmaSignalTypes() {}

  private static Map<String, SignalType> listed() {
    Map<String, SignalType> m = new LinkedHashMap<>();
    m.put("pdq", SignalType.PDQ);
    m.put("video_md5", SignalType.MD5);
    m.put("vpdq", SignalType.VPDQ);
    m.put("sha256", SignalType.SHA256);
    return m;
  }

  /** The hashfed type of an HMA signal type name, or empty when there is none. */
  static Optional<SignalType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if ("md5".equals(name)) {
      return Optional.of(SignalType.MD5);
    }
    return Optional.ofNullable(LISTED.get(name));
  }

  /** HMA's name of a hashfed type: {@code video_md5} for md5, otherwise the same name. */
  static String hmaName(SignalType type) {
    return type == SignalType.MD5 ? "video_md5" : type.wireName();
  }

  /**
   * HMA's distance string (python-threatexchange's {@code pretty_str}): the Hamming distance for
   * pdq, {@code "-"} for exact types, {@code "<query>%[<compared>%]"} for vpdq.
   */
  static String distance(CatalogMatch m) {
    Optional<VideoMatch> video = m.video();
    if (video.isPresent()) {
      return percent(video.get().queryPercent()) + "%[" + percent(video.get().comparedPercent()) + "%]";
    }
    SignalType type = m.listing().signal().type();
    return type == SignalType.PDQ ? Integer.toString(m.distance()) : "-";
  }

  // Python's f"{x:.0f}" rounds half to even
  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.0f", Math.rint(p));
  }
}
