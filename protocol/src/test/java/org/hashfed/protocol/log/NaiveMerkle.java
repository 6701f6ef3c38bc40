package org.hashfed.protocol.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions of RFC 6962 section 2.1 (MTH, PATH, PROOF/SUBPROOF) transcribed literally over a
 * list of leaves, with its own SHA-256 calls: the independent reference the tree is checked against.
 */
final class NaiveMerkle {

  private final List<byte[]> leaves;
  private final Map<Long, Hash32> memo = new HashMap<>();

  NaiveMerkle(List<byte[]> leaves) {
    this.leaves = leaves;
  }

  /** MTH(D[start:end]). */
  Hash32 mth(int start, int end) {
    long key = (long) start << 32 | end;
    Hash32 cached = memo.get(key);
    if (cached != null) {
      return cached;
    }
    Hash32 result;
    int n = end - start;
    if (n == 0) {
      result = Hash32.of(sha256(new byte[0]));
    } else if (n == 1) {
      result = Hash32.of(sha256(new byte[] {0}, leaves.get(start)));
    } else {
      int k = largestPowerOfTwoBelow(n);
      result = Hash32.of(sha256(new byte[] {1}, mth(start, start + k).bytes(), mth(start + k, end).bytes()));
    }
    memo.put(key, result);
    return result;
  }

  /** PATH(m, D[0:n]). */
  List<Hash32> path(int m, int n) {
    List<Hash32> out = new ArrayList<>();
    path(m, 0, n, out);
    return out;
  }

  private void path(int m, int start, int end, List<Hash32> out) {
    int n = end - start;
    if (n <= 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(mth(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(mth(start, start + k));
    }
  }

  /** PROOF(m, D[0:n]) for 0 < m < n; empty when m == n. */
  List<Hash32> proof(int m, int n) {
    List<Hash32> out = new ArrayList<>();
    if (m < n) {
      subproof(m, 0, n, true, out);
    }
    return out;
  }

  private void subproof(int m, int start, int end, boolean b, List<Hash32> out) {
    int n = end - start;
    if (m == n) {
      if (!b) {
        out.add(mth(start, end));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, b, out);
      out.add(mth(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(mth(start, start + k));
    }
  }

  /** The left/right turns from the root to leaf m of a tree of n leaves: what an inclusion proof's shape is. */
  static String pathShape(int m, int n) {
    if (n <= 1) {
      return "";
    }
    int k = largestPowerOfTwoBelow(n);
    return m < k ? pathShape(m, k) + "L" : pathShape(m - k, n - k) + "R";
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
