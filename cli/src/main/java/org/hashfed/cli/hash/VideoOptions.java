package org.hashfed.cli.hash;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.HashedVideo;
import org.hashfed.protocol.vpdq.VpdqHasher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How commands that hash files hash videos: {@code --seconds-per-hash} and {@code --max-video-seconds}. */
public final class VideoOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private double secondsPerHash = VpdqHasher.DEFAULT_SECONDS_PER_HASH;
  private VideoLimits limits = VideoLimits.defaults();

  @Option(names = "--seconds-per-hash", paramLabel = "S", description = "For videos: one vPDQ frame hash every S "
      + "seconds (default: 1, as python-threatexchange; 0 hashes every frame).")
  void secondsPerHash(double s) {
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new ParameterException(mixee.commandLine(), "invalid --seconds-per-hash " + s
          + " (expected: a number of seconds, 0 or more; 0 hashes every frame)");
    }
    secondsPerHash = s;
  }

  @Option(names = "--max-video-seconds", paramLabel = "S", description = "Refuse videos longer than S seconds "
      + "(default: 10800, three hours).")
  void maxVideoSeconds(double s) {
    if (!(s > 0) || s > Long.MAX_VALUE / 1000.0) {
      throw new ParameterException(mixee.commandLine(), "invalid --max-video-seconds " + s
          + " (expected: a number of seconds, more than 0)");
    }
    limits = limits.withMaxDuration(Duration.ofMillis((long) Math.ceil(s * 1000)));
  }

  /** {@code hasher}, also hashing videos as these options say. */
  public FileHasher apply(FileHasher hasher) {
    return hasher.withVideos(secondsPerHash, limits);
  }

  /**
   * The decoder's message without its leading file name, for printing after the path the user gave.
   */
  public static String reason(VideoDecodeException e, Path file) {
    String m = String.valueOf(e.getMessage());
    String prefix = file.getFileName() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /** {@code 150 frames, 30 fps, 5 s, every frame}: what a vpdq value was computed from. */
  public static String describe(HashedVideo v) {
    return v.hashes().frames().size() + " frames, " + number(v.fps(), 2) + " fps, " + number(v.durationSeconds(), 2)
        + " s, " + (v.secondsPerHash() == 0 ? "every frame" : "one every " + number(v.secondsPerHash(), 3) + " s");
  }

  /** A number as people write it: at most {@code decimals} decimals, no trailing zeros ({@code 30}, {@code 29.97}). */
  public static String number(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
