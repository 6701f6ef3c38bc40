package org.hashfed.cli.exchange;

import java.util.Locale;
import java.util.Optional;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFormatException;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;

/**
 * python-threatexchange's signal type names and signal strings, as its files, HMA and ThreatExchange
 * tools use them: {@code pdq}, {@code video_md5} (hashfed's {@code md5}, as in spec/hma.md),
 * {@code video_sha256} ({@code sha256}) and {@code vpdq} (a JSON array of {@code "hash,quality,seconds"}).
 */
final class PytxTypes {

  private PytxTypes() {}

  /** The hashfed type of a pytx (or hashfed) type name; empty for a type hashfed does not hold. */
  static Optional<SignalType> parse(String name) {
    return Optional.ofNullable(switch (name.toLowerCase(Locale.ROOT)) {
      case "pdq" -> SignalType.PDQ;
      case "video_md5", "md5" -> SignalType.MD5;
      case "video_sha256", "sha256" -> SignalType.SHA256;
      case "vpdq" -> SignalType.VPDQ;
      default -> null;
    });
  }

  /** The pytx name of a hashfed type. */
  static String name(SignalType type) {
    return switch (type) {
      case PDQ -> "pdq";
      case MD5 -> "video_md5";
      case SHA256 -> "video_sha256";
      case VPDQ -> "vpdq";
    };
  }

  /**
   * A signal from its pytx string: hex for the hashes, the frame list for vpdq.
   *
   * @throws IllegalArgumentException naming what is wrong with the value
   */
  static Signal signal(SignalType type, String value) {
    if (type != SignalType.VPDQ) {
      return Signal.of(type, value.strip());
    }
    try {
      return Signal.vpdq(VideoHashes.of(VpdqSignalFormat.parse(value.strip())));
    } catch (VpdqFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A signal's pytx string; a vpdq signal's needs its frames. */
  static String value(Signal s) {
    return s.video().map(v -> VpdqSignalFormat.write(v.frames())).orElse(s.value());
  }
}
