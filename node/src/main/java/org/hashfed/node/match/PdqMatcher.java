package org.hashfed.node.match;

import java.util.List;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * A set of PDQ hashes, each under a caller-assigned {@code ref}, searchable by Hamming distance.
 *
 * <p>Implementations are thread-safe: any number of threads may search while others add or remove.
 * A ref whose {@link #remove} has returned never appears in a later search.
 */
public interface PdqMatcher {

  /** The distance the consortium treats as a PDQ match unless a request asks otherwise. */
  int DEFAULT_MAX_DISTANCE = 31;

  /** The largest distance a request may ask for. */
  int MAX_DISTANCE = 63;

  /**
   * Adds a hash under {@code ref}.
   *
   * @throws IllegalArgumentException when {@code ref} is already present
   */
  void add(long ref, PdqHash hash);

  /** Removes {@code ref} (retraction or expiry); returns whether it was present. */
  boolean remove(long ref);

  /**
   * Every present hash within {@code maxDistance} (0..63) of {@code query}, sorted by distance then ref.
   *
   * @throws IllegalArgumentException when {@code maxDistance} is outside 0..63
   */
  default List<PdqMatch> search(PdqHash query, int maxDistance) {
    return search(query, maxDistance, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} (at least 1) matches of {@link #search(PdqHash, int)} in the same order.
   *
   * @throws IllegalArgumentException when {@code maxDistance} is outside 0..63 or {@code limit} is below 1
   */
  List<PdqMatch> search(PdqHash query, int maxDistance, int limit);

  /** Number of hashes present. */
  int size();

  /** Approximate heap bytes held by this matcher's own arrays. */
  long memoryBytesEstimate();
}
