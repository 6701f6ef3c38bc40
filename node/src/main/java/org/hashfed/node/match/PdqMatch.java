package org.hashfed.node.match;

/**
 * One match of a PDQ query: the caller's opaque {@code ref} and the Hamming distance 0..256.
 * Matches order by distance, then by ref.
 */
public record PdqMatch(long ref, int distance) implements Comparable<PdqMatch> {

  /** Validates the distance. */
  public PdqMatch {
    if (distance < 0 || distance > 256) {
      throw new IllegalArgumentException("PDQ distance " + distance + " out of range (expected: 0..256)");
    }
  }

  @Override
  public int compareTo(PdqMatch other) {
    int byDistance = Integer.compare(distance, other.distance);
    return byDistance != 0 ? byDistance : Long.compare(ref, other.ref);
  }
}
