package org.hashfed.node.match;

import java.util.Random;
import org.hashfed.protocol.pdq.PdqHash;

/** Random PDQ corpora with clusters of near-duplicates, as real data has, for the tests. */
final class Corpora {

  private Corpora() {}

  static PdqHash random(Random random) {
    return PdqHash.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** {@code hash} with {@code flips} distinct random bits flipped. */
  static PdqHash flip(PdqHash hash, int flips, Random random) {
    long[] w = hash.words();
    boolean[] flipped = new boolean[PdqHash.BITS];
    for (int done = 0; done < flips; ) {
      int bit = random.nextInt(PdqHash.BITS);
      if (!flipped[bit]) {
        flipped[bit] = true;
        w[bit >>> 6] ^= 1L << (bit & 63);
        done++;
      }
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  /** {@code n} hashes: every few a new random centre, the others that centre with 0..40 bits flipped. */
  static PdqHash[] clustered(int n, Random random) {
    PdqHash[] hashes = new PdqHash[n];
    PdqHash centre = random(random);
    for (int i = 0; i < n; i++) {
      if (random.nextInt(4) == 0) {
        centre = random(random);
        hashes[i] = centre;
      } else {
        hashes[i] = flip(centre, random.nextInt(41), random);
      }
    }
    return hashes;
  }

  /** A query near a corpus hash (0..63 bits flipped) or, one time in four, a random miss. */
  static PdqHash query(PdqHash[] corpus, Random random) {
    if (corpus.length == 0 || random.nextInt(4) == 0) {
      return random(random);
    }
    return flip(corpus[random.nextInt(corpus.length)], random.nextInt(64), random);
  }
}
