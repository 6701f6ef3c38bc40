package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.hash.ImageOptions;
import org.hashfed.cli.hash.VideoOptions;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed match}: hashes files locally and asks the node what in the consortium matches them. */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check files or known hashes against everything the consortium shared. Files are hashed on this "
          + "machine (MD5, SHA-256 and, for images, PDQ, for videos vPDQ); all hashes go to the node in one request. "
          + "Prints one row per match: input, signal, PDQ distance (0 for exact; a video's median frame distance), "
          + "submitting member, labels, trust and confidence (blank when the node does not rate matches) and the "
          + "entry id; then, for video matches, the share of frames matched each way, through which hashes, and "
          + "the matched time ranges."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed match upload.jpg",
      "  hashfed match --max-distance 20 a.jpg b.png",
      "  hashfed match --signal md5:d41d8cd98f00b204e9800998ecf8427e --json",
      "  hashfed match --query-percent 50 clip.mp4",
      "",
      "A video matches a shared one when at least --query-percent of its distinct frames (quality 50 or more)",
      "are within distance 31 of the shared video's, and at least --compared-percent of the shared video's",
      "frames are matched (defaults 80 and 0, as python-threatexchange); or when at least --contained-percent",
      "of the shared video's frames, and 5 or more, are matched: the shared video lies inside the input, as in",
      "a compilation (default 80; 0 turns it off).",
      "",
      "Exit status: 0 something matched, 1 nothing matched, 2 usage error, 3 node unreachable or failed."
    })
public final class MatchCommand extends StaffCommand {

  /** The node's limit of signals per match request. */
  private static final int MAX_SIGNALS_PER_REQUEST = 1000;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files to hash and match.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--signal", paramLabel = "TYPE:VALUE", description = "A known hash to match, e.g. pdq:<64 hex>; repeatable.")
  List<String> signals = new ArrayList<>();

  @Option(names = "--max-distance", paramLabel = "N", description = "Largest PDQ distance to report, 0..63 (default: the node's, 31).")
  Integer maxDistance;

  @Option(names = "--query-percent", paramLabel = "P", description = "Videos: least share of the input's frames "
      + "that must match, 0..100 (default: the node's, 80).")
  Double queryPercent;

  @Option(names = "--compared-percent", paramLabel = "P", description = "Videos: least share of the shared "
      + "video's frames that must be matched, 0..100 (default: the node's, 0).")
  Double comparedPercent;

  @Option(names = "--contained-percent", paramLabel = "P", description = "Videos: also a match when at least this "
      + "share of the shared video's frames (and 5 or more) are matched, 0..100, 0 for off (default: the node's, 80).")
  Double containedPercent;

  @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: all cores).")
  Integer threads;

  @Mixin VideoOptions video;

  @Mixin ImageOptions image;

  private record Query(String input, Signal signal) {}

  @Override
  protected int execute() throws CommandError {
    if (files.isEmpty() && signals.isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, "nothing to match: give files or --signal TYPE:VALUE (see hashfed match --help)");
    }
    if (maxDistance != null && (maxDistance < 0 || maxDistance > 63)) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --max-distance " + maxDistance + ": expected 0 to 63");
    }
    checkPercent("--query-percent", queryPercent);
    checkPercent("--compared-percent", comparedPercent);
    checkPercent("--contained-percent", containedPercent);
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --threads " + n + ": expected 1 or more");
    }
    List<Query> queries = new ArrayList<>();
    for (String s : signals) {
      queries.add(new Query(s, SignalArg.parse(s)));
    }
    for (LocalFiles.Hashed h : files.isEmpty() ? List.<LocalFiles.Hashed>of() : LocalFiles.hash(files, n, video, image)) {
      h.pdq().filter(p -> !p.isShareable()).ifPresent(p -> err().println("hashfed match: " + h.path() + ": pdq quality "
          + p.quality() + " is below " + PdqResult.MIN_SHAREABLE_QUALITY + ", PDQ matches on it are unreliable"));
      for (Signal s : h.signals()) {
        queries.add(new Query(h.path().toString(), s));
      }
    }
    NodeClient client = client();
    ArrayNode results = JSON.createArrayNode();
    for (int from = 0; from < queries.size(); from += MAX_SIGNALS_PER_REQUEST) {
      List<Query> chunk = queries.subList(from, Math.min(queries.size(), from + MAX_SIGNALS_PER_REQUEST));
      ObjectNode body = JSON.createObjectNode();
      ArrayNode sigs = body.putArray("signals");
      chunk.forEach(q -> sigs.add(Bodies.signal(q.signal())));
      if (maxDistance != null) {
        body.put("max_distance", maxDistance);
      }
      if (queryPercent != null) {
        body.put("query_percent", queryPercent);
      }
      if (comparedPercent != null) {
        body.put("compared_percent", comparedPercent);
      }
      if (containedPercent != null) {
        body.put("contained_percent", containedPercent);
      }
      JsonNode answer = client.post("/v1/match", body).path("results");
      if (!answer.isArray() || answer.size() != chunk.size()) {
        throw CommandError.of(ExitCodes.SERVER, "the node answered " + answer.size() + " results for " + chunk.size()
            + " signals: expected one per signal");
      }
      for (int i = 0; i < chunk.size(); i++) {
        ObjectNode r = results.addObject().put("input", chunk.get(i).input());
        r.set("signal", Bodies.summary(chunk.get(i).signal()));
        r.set("matches", answer.get(i).path("matches"));
        r.put("truncated", answer.get(i).path("truncated").asBoolean(false));
      }
    }
    return print(results);
  }

  private int print(ArrayNode results) {
    int matches = 0;
    Set<String> unmatched = new LinkedHashSet<>();
    Set<String> matched = new LinkedHashSet<>();
    Set<String> truncated = new LinkedHashSet<>();
    Table table = new Table("INPUT", "SIGNAL", "DISTANCE", "MEMBER", "LABELS", "TRUST", "CONFIDENCE", "ENTRY");
    Table videos = VideoMatches.table();
    for (JsonNode r : results) {
      String input = r.path("input").asText();
      for (JsonNode m : r.path("matches")) {
        matches++;
        matched.add(input);
        table.add(input, r.path("signal").path("type").asText(), m.path("distance").asText(),
            m.path("member").asText(), labels(m.path("labels")), trust(m.path("trust")), confidence(m.path("confidence")),
            m.path("entry_id").asText());
        VideoMatches.add(videos, input, m);
      }
      unmatched.add(input);
      if (r.path("truncated").asBoolean(false)) {
        truncated.add(input);
      }
    }
    unmatched.removeAll(matched);
    if (json) {
      printJson(JSON.createObjectNode().put("matches", matches).set("results", results));
    } else {
      if (!table.isEmpty()) {
        table.print(out());
      }
      if (!videos.isEmpty()) {
        out().println();
        videos.print(out());
      }
      if (!unmatched.isEmpty()) {
        out().println((matched.isEmpty() ? "no match for " : "no match for the other inputs: ")
            + String.join(", ", unmatched));
      }
      if (!truncated.isEmpty()) {
        err().println("hashfed match: the node returned only its best matches (its match.* caps) for: "
            + String.join(", ", truncated));
      }
    }
    return matches == 0 ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }

  private static void checkPercent(String option, Double p) throws CommandError {
    if (p != null && !(p >= 0 && p <= 100)) {
      throw CommandError.of(ExitCodes.USAGE, "invalid " + option + " " + p + ": expected a number from 0 to 100");
    }
  }

  static String labels(JsonNode labels) {
    List<String> out = new ArrayList<>();
    labels.forEach(l -> out.add(l.asText()));
    return String.join(",", out);
  }

  /** The trust the node puts in the submitter: a level name, or an object with one; blank when not rated. */
  static String trust(JsonNode trust) {
    if (trust.isTextual()) {
      return trust.asText();
    }
    if (trust.isObject()) {
      for (String f : new String[] {"level", "name", "trust"}) {
        if (trust.path(f).isTextual()) {
          return trust.path(f).asText();
        }
      }
    }
    return "";
  }

  static String confidence(JsonNode c) {
    if (c.isNumber()) {
      return String.format(Locale.ROOT, "%.2f", c.doubleValue());
    }
    return c.isTextual() ? c.asText() : "";
  }
}
