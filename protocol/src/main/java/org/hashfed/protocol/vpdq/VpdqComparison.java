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
 * some query hash. Every {@link VpdqPairing} of the sets the two videos carry (content area, centre)
 * is compared, as a node does, and the best is kept (highest query%, then compared%).
 *
 * <p>A brute-force comparison of two videos: simple enough to serve as the reference the node's
 * indexed matcher must agree with.
 */
public final class VpdqComparison {

  /** Largest PDQ distance at which two frames match, python-threatexchange's default. */
  public static final int MAX_DISTANCE = 31;

  private final VpdqPairing pairing;
  private final int queryMatched;
  private final int queryTotal;
  private final int comparedMatched;
  private final int comparedTotal;

  private VpdqComparison(VpdqPairing pairing, int queryMatched, int queryTotal, int comparedMatched, int comparedTotal) {
    this.pairing = pairing;
    this.queryMatched = queryMatched;
    this.queryTotal = queryTotal;
    this.comparedMatched = comparedMatched;
    this.comparedTotal = comparedTotal;
  }

  /** Compares {@code query} with {@code compared}, over every pairing their hashes allow. */
  public static VpdqComparison of(VideoHashes query, VideoHashes compared) {
    VpdqComparison best = null;
    for (VpdqPairing p : VpdqPairing.values()) {
      List<PdqResult> q = p.query().of(query);
      List<PdqResult> c = p.compared().of(compared);
      if (p == VpdqPairing.STANDARD || !q.isEmpty() && !c.isEmpty()) {
        VpdqComparison next = compare(p, distinct(q), distinct(c));
        best = best == null ? next : better(best, next);
      }
    }
    return best;
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

  private static VpdqComparison compare(VpdqPairing pairing, List<PdqHash> query, List<PdqHash> compared) {
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
  public VpdqPairing pairing() {
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
