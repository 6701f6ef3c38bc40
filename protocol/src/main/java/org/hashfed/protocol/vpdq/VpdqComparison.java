package org.hashfed.protocol.vpdq;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;

/**
 * How much of one video is found in another, by python-threatexchange's vPDQ rule: over the distinct
 * frame hashes of quality 50 or more on each side, query% is the share of the query's hashes within
 * distance 31 of some compared hash, compared% the share of the compared video's hashes within 31 of
 * some query hash. When either video carries content-area hashes, every pairing of standard and
 * content hashes is compared, as a node does, and the best is kept (highest query%, then compared%).
 *
 * <p>A brute-force comparison of two videos: simple enough to serve as the reference the node's
 * indexed matcher must agree with.
 */
public final class VpdqComparison {

  /** Largest PDQ distance at which two frames match, python-threatexchange's default. */
  public static final int MAX_DISTANCE = 31;

  /** Which hashes of each video were compared. */
  public enum Pairing {
    /** Whole frames on both sides. */
    STANDARD("standard", "standard"),
    /** The query's content area against the compared video's whole frames. */
    QUERY_CONTENT("content", "standard"),
    /** The query's whole frames against the compared video's content area. */
    COMPARED_CONTENT("standard", "content"),
    /** Content areas on both sides. */
    BOTH_CONTENT("content", "content");

    private final String query;
    private final String compared;

    Pairing(String query, String compared) {
      this.query = query;
      this.compared = compared;
    }

    /** {@code standard} when whole frames matched on both sides, else {@code content}, as a node reports it. */
    public String via() {
      return this == STANDARD ? "standard" : "content";
    }

    /** Which hashes of the query were used: {@code standard} or {@code content}. */
    public String queryHashes() {
      return query;
    }

    /** Which hashes of the compared video were used: {@code standard} or {@code content}. */
    public String comparedHashes() {
      return compared;
    }
  }

  private final Pairing pairing;
  private final int queryMatched;
  private final int queryTotal;
  private final int comparedMatched;
  private final int comparedTotal;

  private VpdqComparison(Pairing pairing, int queryMatched, int queryTotal, int comparedMatched, int comparedTotal) {
    this.pairing = pairing;
    this.queryMatched = queryMatched;
    this.queryTotal = queryTotal;
    this.comparedMatched = comparedMatched;
    this.comparedTotal = comparedTotal;
  }

  /** Compares {@code query} with {@code compared}, over every pairing their hashes allow. */
  public static VpdqComparison of(VideoHashes query, VideoHashes compared) {
    List<PdqHash> qs = distinct(standard(query));
    List<PdqHash> cs = distinct(standard(compared));
    List<PdqHash> qc = query.content().map(c -> distinct(c.frames())).orElse(null);
    List<PdqHash> cc = compared.content().map(c -> distinct(c.frames())).orElse(null);
    VpdqComparison best = compare(Pairing.STANDARD, qs, cs);
    if (qc != null) {
      best = better(best, compare(Pairing.QUERY_CONTENT, qc, cs));
    }
    if (cc != null) {
      best = better(best, compare(Pairing.COMPARED_CONTENT, qs, cc));
    }
    if (qc != null && cc != null) {
      best = better(best, compare(Pairing.BOTH_CONTENT, qc, cc));
    }
    return best;
  }

  private static List<PdqResult> standard(VideoHashes video) {
    List<PdqResult> out = new ArrayList<>(video.frames().size());
    for (VpdqFrame f : video.frames()) {
      out.add(PdqResult.of(f.hash(), f.quality()));
    }
    return out;
  }

  private static List<PdqHash> distinct(List<PdqResult> frames) {
    Set<PdqHash> out = new LinkedHashSet<>();
    for (PdqResult r : frames) {
      if (r.quality() >= PdqResult.MIN_SHAREABLE_QUALITY) {
        out.add(r.hash());
      }
    }
    return List.copyOf(out);
  }

  private static VpdqComparison compare(Pairing pairing, List<PdqHash> query, List<PdqHash> compared) {
    boolean[] comparedHit = new boolean[compared.size()];
    int queryMatched = 0;
    for (PdqHash q : query) {
      boolean hit = false;
      for (int i = 0; i < compared.size(); i++) {
        if (q.distance(compared.get(i)) <= MAX_DISTANCE) {
          hit = true;
          comparedHit[i] = true;
        }
      }
      queryMatched += hit ? 1 : 0;
    }
    int comparedMatched = 0;
    for (boolean b : comparedHit) {
      comparedMatched += b ? 1 : 0;
    }
    return new VpdqComparison(pairing, queryMatched, query.size(), comparedMatched, compared.size());
  }

  private static VpdqComparison better(VpdqComparison a, VpdqComparison b) {
    if (b.queryPercent() > a.queryPercent()
        || b.queryPercent() == a.queryPercent() && b.comparedPercent() > a.comparedPercent()) {
      return b;
    }
    return a;
  }

  /** Share of the query's distinct usable hashes that match, 0..100; 0 when it has none. */
  public double queryPercent() {
    return queryTotal == 0 ? 0 : 100.0 * queryMatched / queryTotal;
  }

  /** Share of the compared video's distinct usable hashes that are matched, 0..100; 0 when it has none. */
  public double comparedPercent() {
    return comparedTotal == 0 ? 0 : 100.0 * comparedMatched / comparedTotal;
  }

  /** Whether both percentages reach their thresholds (python-threatexchange's defaults: 80 and 0). */
  public boolean matches(double minQueryPercent, double minComparedPercent) {
    return queryTotal > 0 && queryPercent() >= minQueryPercent && comparedPercent() >= minComparedPercent;
  }

  /** The pairing of hashes that gave these percentages. */
  public Pairing pairing() {
    return pairing;
  }

  /** Distinct query hashes of quality 50 or more that matched. */
  public int queryMatched() {
    return queryMatched;
  }

  /** Distinct query hashes of quality 50 or more. */
  public int queryTotal() {
    return queryTotal;
  }

  /** Distinct compared hashes of quality 50 or more that were matched. */
  public int comparedMatched() {
    return comparedMatched;
  }

  /** Distinct compared hashes of quality 50 or more. */
  public int comparedTotal() {
    return comparedTotal;
  }

  @Override
  public String toString() {
    return "VpdqComparison[query " + queryMatched + "/" + queryTotal + ", compared " + comparedMatched + "/"
        + comparedTotal + ", " + pairing + "]";
  }
}
