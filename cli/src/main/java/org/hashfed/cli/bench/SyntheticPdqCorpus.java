package org.hashfed.cli.bench;

import java.util.SplittableRandom;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * A reproducible PDQ corpus computed on demand, so that a benchmark of ten million hashes does
 * not hold a second copy of them. Hashes come in groups of {@link #GROUP}: half the groups are a
 * cluster (a random centre and near-duplicates up to {@link #MAX_CLUSTER_FLIPS} bits from it), the
 * others independent random hashes.
 */
final class SyntheticPdqCorpus {

  static final int GROUP = 8;
  static final int MAX_CLUSTER_FLIPS = 16;

  private final long seed;
  private final int size;

  SyntheticPdqCorpus(long seed, int size) {
    this.seed = seed;
    this.size = size;
  }

  int size() {
    return size;
  }

  PdqHash hash(int i) {
    int group = i / GROUP;
    int member = i % GROUP;
    SplittableRandom groupRandom = new SplittableRandom(mix(seed, group));
    if (groupRandom.nextBoolean()) {
      PdqHash centre = random(groupRandom);
      return member == 0 ? centre : flip(centre, 1 + new SplittableRandom(mix(seed, i)).nextInt(MAX_CLUSTER_FLIPS),
          new SplittableRandom(mix(seed ^ 0x5bd1e995L, i)));
    }
    return random(new SplittableRandom(mix(seed, i) ^ 0x2545F4914F6CDD1DL));
  }

  static PdqHash random(SplittableRandom random) {
    return PdqHash.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** {@code hash} with {@code flips} distinct random bits flipped. */
  static PdqHash flip(PdqHash hash, int flips, SplittableRandom random) {
    long[] w = hash.words();
    int done = 0;
    while (done < flips) {
      int bit = random.nextInt(PdqHash.BITS);
      long mask = 1L << (bit & 63);
      long original = hash.word(bit >>> 6);
      if (((w[bit >>> 6] ^ original) & mask) == 0) {
        w[bit >>> 6] ^= mask;
        done++;
      }
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  private static long mix(long seed, long value) {
    long z = seed + value * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
