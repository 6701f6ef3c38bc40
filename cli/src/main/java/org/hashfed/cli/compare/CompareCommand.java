package org.hashfed.cli.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.hash.Outcome;
import org.hashfed.cli.hash.ImageOptions;
import org.hashfed.cli.hash.VideoOptions;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hashfed compare}: whether one local file is a near copy of another, by PDQ or vPDQ; no node needed. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a suspected copy: compare two local files, or an image and a PDQ hash (pdq:<64 hex>), on this "
          + "machine. Images: the PDQ distance, a match within 31 (--dihedral also tries A rotated and flipped). "
          + "Videos: the share of A's distinct frames found in B (query%%) and of B's frames matched (compared%%), "
          + "frames of quality 50 or more within distance 31, as python-threatexchange matches videos."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed compare upload.jpg known.png",
      "  hashfed compare --dihedral upload.jpg known.png",
      "  hashfed compare upload.jpg pdq:f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22",
      "  hashfed compare --query-percent 50 suspect.mp4 original.mp4",
      "",
      "A video pair matches when query%% >= --query-percent and compared%% >= --compared-percent (defaults 80",
      "and 0). Every pairing of frame sets the videos carry (whole frames, content area inside borders, the",
      "central 60%% and 80%%) is tried, as a node does, and the best is shown. The node's containment rule",
      "(contained_percent) is not applied: --query-percent 0 --compared-percent 80 asks whether B lies in A.",
      "",
      "Exit status: 0 match, 1 no match, 2 usage error, or a file that cannot be read, decoded or compared."
    })
public final class CompareCommand implements Callable<Integer> {

  static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "A", description = "The suspected copy: an image or a video.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "What it may copy: an image, a video, or pdq:<64 hex>.")
  String b;

  @Option(names = "--json", description = "Print one JSON document on standard output, for scripts.")
  boolean json;

  @Option(names = "--dihedral", description = "Images: compare the best of A's 8 rotations and flips with B.")
  boolean dihedral;

  @Option(names = "--query-percent", paramLabel = "P", description = "Videos: least share of A's frames that must "
      + "match, 0..100 (default: 80).")
  double queryPercent = 80;

  @Option(names = "--compared-percent", paramLabel = "P", description = "Videos: least share of B's frames that "
      + "must be matched, 0..100 (default: 0).")
  double comparedPercent = 0;

  @Mixin VideoOptions video;

  @Mixin ImageOptions image;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return compare();
    } catch (CommandError e) {
      err.println("hashfed compare: " + e.getMessage());
      return e.exitCode();
    } finally {
      spec.commandLine().getOut().flush();
      err.flush();
    }
  }

  private int compare() throws CommandError {
    checkPercent("--query-percent", queryPercent);
    checkPercent("--compared-percent", comparedPercent);
    FileHasher hasher = image.apply(video.apply(dihedral ? FileHasher.withDihedral() : FileHasher.create()));
    FileHashes first = hash(hasher, a);
    Comparison result;
    if (b.toLowerCase(Locale.ROOT).startsWith("pdq:")) {
      PdqHash hash = pdqArgument(b);
      result = ImageComparison.of(a.toString(), first, b, hash, null);
    } else {
      Path other = Path.of(b);
      FileHashes second = hash(hasher, other);
      if (first.video().isPresent() && second.video().isPresent()) {
        result = VideoComparison.of(a.toString(), first, other.toString(), second, queryPercent, comparedPercent);
      } else if (first.pdq().isPresent() && second.pdq().isPresent()) {
        result = ImageComparison.of(a.toString(), first, other.toString(), second.pdq().get().hash(), second);
      } else {
        throw CommandError.of(ExitCodes.USAGE, "cannot compare " + a + " (" + kind(first) + ") with " + other + " ("
            + kind(second) + "): give two images or two videos");
      }
    }
    if (json) {
      try {
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.json()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode a JSON tree", e);
      }
    } else {
      result.print(spec.commandLine().getOut());
    }
    return result.matches() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private static FileHashes hash(FileHasher hasher, Path file) throws CommandError {
    Outcome o = Outcome.of(hasher, file);
    if (o.hashes().isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, file + ": " + o.error());
    }
    return o.hashes().get();
  }

  private static PdqHash pdqArgument(String arg) throws CommandError {
    try {
      return PdqHash.fromHex(arg.substring(4).strip());
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid B \"" + arg + "\": " + e.getMessage()
          + " (expected a file, or pdq:<64 hex digits>)");
    }
  }

  private static void checkPercent(String option, double p) throws CommandError {
    if (!(p >= 0 && p <= 100)) {
      throw CommandError.of(ExitCodes.USAGE, "invalid " + option + " " + p + ": expected a number from 0 to 100");
    }
  }

  /** {@code image (pdq quality 100)}, {@code video (5 frames, 30 fps, 5 s, one every 1 s)} or {@code not an image or video}. */
  static String kind(FileHashes h) {
    if (h.video().isPresent()) {
      return "video, " + VideoOptions.describe(h.video().get());
    }
    if (h.pdq().isPresent()) {
      PdqResult p = h.pdq().get();
      return "image, pdq quality " + p.quality() + (p.isShareable() ? "" : " (below 50: matches are unreliable)");
    }
    return "not an image or a video";
  }

  /** The outcome of comparing A with B, printable as a short table or as JSON. */
  interface Comparison {
    boolean matches();

    void print(PrintWriter out);

    ObjectNode json();
  }
}
