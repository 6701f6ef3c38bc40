package org.hashfed.cli.hash;

import java.time.Duration;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.pdq.ImageLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How commands that hash files decode images: {@code --max-image-pixels}, {@code --max-jpeg-scans}
 * and {@code --image-timeout-ms}, the limits a node applies to uploads ({@code image.*}).
 */
public final class ImageOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  private ImageLimits limits = ImageLimits.defaults();

  @Option(names = "--max-image-pixels", paramLabel = "N", description = "Refuse images of more than N pixels "
      + "(width x height, read from the header before decoding; default: 50000000). 16-bit images count "
      + "their extra bytes.")
  void maxImagePixels(long n) {
    if (n < 1) {
      throw new ParameterException(mixee.commandLine(), "invalid --max-image-pixels " + n + " (expected: 1 or more)");
    }
    limits = limits.withMaxPixels(n);
  }

  @Option(names = "--max-jpeg-scans", paramLabel = "N", description = "Refuse JPEGs of more than N scans "
      + "(default: 100; encoders write about 10).")
  void maxJpegScans(int n) {
    if (n < 1) {
      throw new ParameterException(mixee.commandLine(), "invalid --max-jpeg-scans " + n + " (expected: 1 or more)");
    }
    limits = limits.withMaxJpegScans(n);
  }

  @Option(names = "--image-timeout-ms", paramLabel = "MS", description = "Stop decoding an image after MS "
      + "milliseconds (default: 30000).")
  void imageTimeoutMs(long ms) {
    if (ms < 1) {
      throw new ParameterException(mixee.commandLine(), "invalid --image-timeout-ms " + ms
          + " (expected: 1 or more milliseconds)");
    }
    limits = limits.withMaxDecodeTime(Duration.ofMillis(ms));
  }

  /** {@code hasher}, decoding images within these limits. */
  public FileHasher apply(FileHasher hasher) {
    return hasher.withImageLimits(limits);
  }
}
