package org.hashfed.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.VideoEdits;
import org.hashfed.protocol.video.edit.VideoEncodeException;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VideoSignals;

/**
 * The recall half of {@code hashfed bench video}: edited copies of each source, hashed both ways,
 * and every ordered pair of files matched by plain vPDQ and by hashfed's matcher.
 *
 * <p>Each matcher gives one {@link VideoMatch} per ordered pair (query, shared) or none; the
 * python-threatexchange rule (query% at least 80) then decides, so every column applies the same
 * rule and differs only in what is hashed and how the node compares it.
 */
final class VideoRecall {

  /** How the two sides of a pair are hashed and compared, and which rule decides. */
  enum Method {
    /** Whole frames at the shared interval on both sides, as every vPDQ implementation. */
    PLAIN("plain vPDQ", VideoThresholds.PYTHON_THREATEXCHANGE),
    /** Standard and content-area hashes (when borders are found) on both sides. */
    CONTENT("+ content area", VideoThresholds.PYTHON_THREATEXCHANGE),
    /** hashfed's signal on both sides: standard, content-area and centre hashes. */
    CENTRE("+ centre", VideoThresholds.PYTHON_THREATEXCHANGE),
    /** As {@link #CENTRE} with the node's default rule, containment included: what a node does by default. */
    CONTAINED("+ contained", VideoThresholds.DEFAULTS),
    /** As {@link #CONTAINED} with the query hashed at every frame (time-binned query%), a node's option. */
    DENSE("+ dense query", VideoThresholds.DEFAULTS);

    final String title;
    final VideoThresholds rule;

    Method(String title, VideoThresholds rule) {
      this.title = title;
      this.rule = rule;
    }
  }

  /** One file: a source or one edited copy of it, with its hashes. */
  record Sample(String source, String group, String edit, Path file, VideoHashes shared, VideoHashes dense) {

    VideoHashes query(Method m) {
      return switch (m) {
        case PLAIN, CONTENT, CENTRE, CONTAINED -> indexed(m);
        case DENSE -> dense;
      };
    }

    VideoHashes indexed(Method m) {
      return switch (m) {
        case PLAIN -> VideoHashes.of(shared.frames());
        case CONTENT -> shared.withoutCentre();
        case CENTRE, DENSE, CONTAINED -> shared;
      };
    }
  }

  /** Per edit and method, the matched directions out of all; then false matches per method. */
  record Result(List<String> edits, Map<String, int[]> matchedByEdit, Map<String, Integer> pairsByEdit,
      int[] falseMatches, double[] bestFalseQueryPercent, int crossPairs, int[] sameFootageMatched,
      int sameFootagePairs, List<Sample> samples, List<String> failures) {}

  static final double QUERY_PERCENT = VideoThresholds.DEFAULTS.queryPercent();
  private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
  private static final MemberId MEMBER = MemberId.parse("bench");
  private static final List<Label> LABELS = List.of(Label.parse("content:attack-livestream"));

  private VideoRecall() {}

  /**
   * Writes every variant of every source into {@code work}, hashes all files on {@code threads}
   * threads and matches every ordered pair.
   */
  static Result run(List<Path> sources, List<String> edits, Path work, double querySeconds, int threads)
      throws Exception {
    List<Callable<Optional<Sample>>> tasks = new ArrayList<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (Path source : sources) {
      String name = stem(source);
      tasks.add(() -> Optional.of(sample(name, "original", source, querySeconds)));
      for (String edit : edits) {
        Path target = work.resolve(name + "--" + edit.replaceAll("[^A-Za-z0-9.%]+", "_").replace("%", "pc") + ".mp4");
        tasks.add(() -> {
          try {
            VideoVariants.create().write(source, target, VideoEdits.parseList(edit));
            return Optional.of(sample(name, edit, target, querySeconds));
          } catch (VideoEncodeException | VideoDecodeException e) {
            failures.add(name + " " + edit + ": " + e.getMessage());
            return Optional.empty();
          }
        });
      }
    }
    List<Sample> samples = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Future<Optional<Sample>> f : pool.invokeAll(tasks)) {
        f.get().ifPresent(samples::add);
      }
    } finally {
      pool.shutdownNow();
    }
    return score(samples, edits, failures);
  }

  private static Sample sample(String source, String edit, Path file, double querySeconds)
      throws VideoDecodeException {
    VideoHashes shared = VideoSignals.hash(file, 1.0, VideoLimits.defaults());
    VideoHashes dense = VideoSignals.hash(file, querySeconds, VideoLimits.defaults());
    return new Sample(source, group(source), edit, file, shared, dense);
  }

  static Result score(List<Sample> samples, List<String> edits, List<String> failures) {
    Method[] methods = Method.values();
    // percentages[m][q][s]: query% and compared% of sample q against shared sample s, or null
    VideoMatch[][][] matches = new VideoMatch[methods.length][][];
    for (Method m : methods) {
      // CONTAINED applies another rule to CENTRE's matches
      matches[m.ordinal()] = m == Method.CONTAINED ? matches[Method.CENTRE.ordinal()] : matchAll(samples, m);
    }
    Map<String, int[]> matchedByEdit = new LinkedHashMap<>();
    Map<String, Integer> pairsByEdit = new LinkedHashMap<>();
    int[] falseMatches = new int[methods.length];
    double[] bestFalse = new double[methods.length];
    int[] sameFootage = new int[methods.length];
    int crossPairs = 0;
    int sameFootagePairs = 0;
    for (int q = 0; q < samples.size(); q++) {
      for (int s = 0; s < samples.size(); s++) {
        Sample a = samples.get(q);
        Sample b = samples.get(s);
        if (q == s) {
          continue;
        }
        boolean sameSource = a.source().equals(b.source());
        boolean edited = sameSource && (a.edit().equals("original") != b.edit().equals("original"));
        String edit = a.edit().equals("original") ? b.edit() : a.edit();
        if (edited) {
          pairsByEdit.merge(edit, 1, Integer::sum);
        } else if (!a.group().equals(b.group())) {
          crossPairs++;
        } else if (!sameSource && a.edit().equals("original") && b.edit().equals("original")) {
          sameFootagePairs++;
        }
        for (Method m : methods) {
          VideoMatch v = matches[m.ordinal()][q][s];
          boolean matched = v != null && m.rule.admits(v);
          if (edited) {
            matchedByEdit.computeIfAbsent(edit, e -> new int[methods.length])[m.ordinal()] += matched ? 1 : 0;
          } else if (!a.group().equals(b.group())) {
            falseMatches[m.ordinal()] += matched ? 1 : 0;
            bestFalse[m.ordinal()] = Math.max(bestFalse[m.ordinal()], v == null ? 0
                : m.rule.containedPercent() > 0 ? Math.max(v.queryPercent(), v.comparedPercent()) : v.queryPercent());
          } else if (!sameSource && a.edit().equals("original") && b.edit().equals("original")) {
            sameFootage[m.ordinal()] += matched ? 1 : 0;
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    for (String e : edits) {
      if (pairsByEdit.containsKey(e)) {
        order.add(e);
      }
    }
    return new Result(order, matchedByEdit, pairsByEdit, falseMatches, bestFalse, crossPairs, sameFootage,
        sameFootagePairs, samples, List.copyOf(failures));
  }

  /** One catalog holding every sample's shared signal; each sample queried against it. */
  private static VideoMatch[][] matchAll(List<Sample> samples, Method m) {
    return matchAll(samples, s -> s.query(m), s -> s.indexed(m));
  }

  /** One catalog holding {@code indexed} of every sample; {@code query} of each sample matched against it. */
  private static VideoMatch[][] matchAll(List<Sample> samples, Function<Sample, VideoHashes> query,
      Function<Sample, VideoHashes> indexed) {
    Catalog catalog = Catalog.create();
    Map<EntryId, Integer> indexOf = new LinkedHashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      EntryId id = EntryId.parse(String.format(Locale.ROOT, "%064x", i + 1));
      indexOf.put(id, i);
      catalog.add(Listing.create(id, MEMBER, Signal.vpdq(indexed.apply(samples.get(i))), LABELS, Optional.empty(),
          NOW, Optional.empty()));
    }
    VideoMatch[][] out = new VideoMatch[samples.size()][samples.size()];
    // thresholds 0: every video some frame hits, so the rule is applied (and the margin seen) here
    VideoThresholds all = new VideoThresholds(0, 0);
    Function<CatalogMatch, Optional<CatalogMatch>> keep = Optional::of;
    for (int q = 0; q < samples.size(); q++) {
      for (CatalogMatch c : catalog.match(Signal.vpdq(query.apply(samples.get(q))), 31, all, NOW, keep)) {
        out[q][indexOf.get(c.listing().entryId())] = c.video().orElseThrow();
      }
    }
    return out;
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /**
   * The footage a source shows: the vector videos chair-19 and chair-22 are cuts of the same
   * recording, so a match between them is true, not false.
   */
  static String group(String source) {
    return source.startsWith("chair-") ? "chair" : source;
  }

  /** The video files of {@code dir}, or only those named in {@code names} (file names or stems). */
  static List<Path> sources(Path dir, List<String> names) throws IOException {
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().matches("(?i).*\\.(mp4|mkv|webm|mov|avi)"))
          .sorted().toList();
    }
    if (names == null || names.isEmpty()) {
      return files;
    }
    List<Path> chosen = new ArrayList<>();
    for (String n : names) {
      Path found = files.stream().filter(f -> f.getFileName().toString().equals(n) || stem(f).equals(n))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no source video '" + n + "' in " + dir
              + " (expected one of: " + files.stream().map(VideoRecall::stem).toList() + ")"));
      chosen.add(found);
    }
    return chosen;
  }

  static String percent(int matched, int pairs) {
    return pairs == 0 ? "-" : String.format(Locale.ROOT, "%d/%d (%.0f%%)", matched, pairs, 100.0 * matched / pairs);
  }
}
