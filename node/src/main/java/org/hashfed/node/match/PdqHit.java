package org.hashfed.node.match;

import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * A {@link PdqMatch} with the indexed hash it matched, for callers that report the hash and keep
 * no copy of their own.
 */
public record PdqHit(PdqMatch match, PdqHash hash) implements Comparable<PdqHit> {

  /** Checks that both parts are present. */
  public PdqHit {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(hash, "hash");
  }

  /** The caller's ref of the hash. */
  public long ref() {
    return match.ref();
  }

  /** The Hamming distance to the query. */
  public int distance() {
    return match.distance();
  }

  @Override
  public int compareTo(PdqHit other) {
    return match.compareTo(other.match);
  }
}
