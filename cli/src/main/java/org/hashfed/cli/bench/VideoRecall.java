package org.hashfed.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.hashfed.protocol.vpdq.FrameRegion;
import org.hashfed.protocol.vpdq.VideoSignals;
import org.hashfed.protocol.vpdq.VpdqHasher;

/**
 * The recall half of {@code hashfed bench video}: edited copies of each source, hashed both ways,
 * and every ordered pair of files matched by plain vPDQ and by hashfed's matcher.
 *
 * <p>Each matcher gives one {@link VideoMatch} per ordered pair (query, shared) or none; the
 * python-threatexchange rule (query% at least 80) then decides, so every column applies the same
 * rule and differs only in what is hashed and how the node compares it. The centre-region columns
 * are measured only: a node has no region hashes (spec/video.md section 2).
 */
final class VideoRecall {

  /** How the two sides of a pair are hashed and compared. */
  enum Method {
    /** Whole frames at the shared interval on both sides, as every vPDQ implementation. */
    PLAIN("plain vPDQ"),
    /** hashfed's signal (content-area hashes when borders are found) on both sides. */
    CONTENT("+ content area"),
    /** hashfed's signal shared, the query hashed densely from its file (time-binned query%). */
    DENSE("+ dense query"),
    /**
     * As {@link #DENSE}, also matching when compared% reaches the threshold: the shared video lies
     * (mostly) inside the query, as in a longer upload. Measured, not what the node does.
     */
    CONTAINED("+ contained"),
    /** As {@link #DENSE}, or the central 60% of frames on both sides at the threshold. Measured only. */
    CENTRE("+ centre 60%", Region.CENTRE, Region.CENTRE),
    /** As {@link #DENSE}, or x 20-80%, y 15-70% on both sides (no caption band) at the threshold. Measured only. */
    UPPER_CENTRE("+ upper centre", Region.UPPER_CENTRE, Region.UPPER_CENTRE),
    /**
     * As {@link #DENSE}, or whole frames on one side against the central 80% on the other, either way
     * round, at the threshold: a copy cut by a tenth on each side shows the source's central 80%.
     * Measured only.
     */
    CENTRE_80_WHOLE("+ 80% vs whole", Region.WHOLE, Region.CENTRE_80);

    final String title;
    /** The regions hashed on the two sides of the extra pairing, or null for none. */
    final Region one;
    final Region other;

    Method(String title) {
      this(title, null, null);
    }

    Method(String title, Region one, Region other) {
      this.title = title;
      this.one = one;
      this.other = other;
    }
  }

  /** A fixed part of every frame, hashed at the shared interval for the centre-region columns. */
  enum Region {
    WHOLE(FrameRegion.of(0, 0, 1, 1)),
    CENTRE(FrameRegion.centre(0.6)),
    UPPER_CENTRE(FrameRegion.of(0.2, 0.15, 0.8, 0.7)),
    CENTRE_80(FrameRegion.centre(0.8));

    final FrameRegion region;

    Region(FrameRegion region) {
      this.region = region;
    }
  }

  /** One file: a source or one edited copy of it, with its hashes. */
  record Sample(String source, String group, String edit, Path file, VideoHashes shared, VideoHashes dense,
      Map<Region, VideoHashes> regions) {

    VideoHashes query(Method m) {
      return switch (m) {
        case PLAIN -> VideoHashes.of(shared.frames());
        case CONTENT -> shared;
        case DENSE, CONTAINED, CENTRE, UPPER_CENTRE, CENTRE_80_WHOLE -> dense;
      };
    }

    VideoHashes indexed(Method m) {
      return m == Method.PLAIN ? VideoHashes.of(shared.frames()) : shared;
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
    Map<Region, VideoHashes> regions = new EnumMap<>(Region.class);
    regions.put(Region.WHOLE, VideoHashes.of(shared.frames()));
    for (Region r : List.of(Region.CENTRE, Region.UPPER_CENTRE, Region.CENTRE_80)) {
      regions.put(r, VideoHashes.of(VpdqHasher.hashRegion(file, 1.0, VideoLimits.defaults(), r.region).frames()));
    }
    return new Sample(source, group(source), edit, file, shared, dense, regions);
  }

  static Result score(List<Sample> samples, List<String> edits, List<String> failures) {
    Method[] methods = Method.values();
    // percentages[m][q][s]: query% and compared% of sample q against shared sample s, or null
    VideoMatch[][][] matches = new VideoMatch[methods.length][][];
    // regionPercent[m][q][s]: the highest query% of the method's region pairings, either way round
    double[][][] regionPercent = new double[methods.length][][];
    for (Method m : methods) {
      // every column after DENSE starts from the node's rule: one set of catalog matches serves them all
      matches[m.ordinal()] = m.ordinal() <= Method.DENSE.ordinal() ? matchAll(samples, m)
          : matches[Method.DENSE.ordinal()];
      if (m.one != null) {
        regionPercent[m.ordinal()] = regionPercent(samples, m.one, m.other);
      }
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
          double region = m.one == null ? 0 : regionPercent[m.ordinal()][q][s];
          boolean matched = v != null && (v.queryPercent() >= QUERY_PERCENT
              || m == Method.CONTAINED && v.comparedPercent() >= QUERY_PERCENT) || region >= QUERY_PERCENT;
          if (edited) {
            matchedByEdit.computeIfAbsent(edit, e -> new int[methods.length])[m.ordinal()] += matched ? 1 : 0;
          } else if (!a.group().equals(b.group())) {
            falseMatches[m.ordinal()] += matched ? 1 : 0;
            bestFalse[m.ordinal()] = Math.max(bestFalse[m.ordinal()], Math.max(region, v == null ? 0
                : m == Method.CONTAINED ? Math.max(v.queryPercent(), v.comparedPercent()) : v.queryPercent()));
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

  /**
   * Per ordered pair, the higher query% of region {@code one} of the query against region
   * {@code other} of the shared video and the other way round, by the same catalog and rule.
   */
  private static double[][] regionPercent(List<Sample> samples, Region one, Region other) {
    double[][] out = new double[samples.size()][samples.size()];
    for (Region[] sides : new Region[][] {{one, other}, {other, one}}) {
      VideoMatch[][] m = matchAll(samples, s -> s.regions().get(sides[0]), s -> s.regions().get(sides[1]));
      for (int q = 0; q < samples.size(); q++) {
        for (int s = 0; s < samples.size(); s++) {
          out[q][s] = Math.max(out[q][s], m[q][s] == null ? 0 : m[q][s].queryPercent());
        }
      }
    }
    return out;
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
