package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * The PDQ 2D DCT, 64x64 to 16x16 without the DC terms, and the coefficient-to-bits step.
 *
 * <p>Float arithmetic in the references' order, so that results agree with them to the last bit
 * whenever the input agrees.
 */
final class Dct {

  static final int N = 64;
  static final int K = 16;

  /** D[i][j] = sqrt(2/64) cos(pi/128 (i+1)(2j+1)), row-major 16x64, computed in double then rounded as the references do. */
  private static final float[] D = matrix();

  private Dct() {}

  private static float[] matrix() {
    float[] d = new float[K * N];
    double scale = Math.sqrt(2.0 / N);
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < N; j++) {
        d[i * N + j] = (float) (scale * Math.cos((Math.PI / 2 / N) * (i + 1) * (2 * j + 1)));
      }
    }
    return d;
  }

  /**
   * B = D A D^T for a 64x64 row-major A, into a 16x16 row-major B; {@code t} is 16x64 scratch.
   */
  static void dct64To16(float[] a, float[] t, float[] b) {
    // T = D A, accumulated row by row of A so the inner loop runs over contiguous memory; each
    // T[i][j] still sums k = 0..63 in order, as the references do.
    Arrays.fill(t, 0f);
    for (int i = 0; i < K; i++) {
      int ti = i * N;
      for (int k = 0; k < N; k++) {
        float dik = D[i * N + k];
        int ak = k * N;
        for (int j = 0; j < N; j++) {
          t[ti + j] += dik * a[ak + j];
        }
      }
    }
    for (int i = 0; i < K; i++) {
      int ti = i * N;
      for (int j = 0; j < K; j++) {
        int dj = j * N;
        float sum = 0f;
        for (int k = 0; k < N; k++) {
          sum += t[ti + k] * D[dj + k];
        }
        b[i * K + j] = sum;
      }
    }
  }

  /** The hash of 16x16 coefficients: bit {@code 16 i + j} set when B[i][j] exceeds the median. */
  static PdqHash toHash(float[] b, float[] scratch) {
    System.arraycopy(b, 0, scratch, 0, K * K);
    Arrays.sort(scratch, 0, K * K);
    // Torben's method, which the references use, returns the lower median: element 128 of 256.
    float median = scratch[K * K / 2 - 1];
    long[] w = new long[4];
    for (int k = 0; k < K * K; k++) {
      if (b[k] > median) {
        w[k >>> 6] |= 1L << (k & 63);
      }
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  /**
   * The coefficients of a rotated or flipped image, from those of the original: mirroring an axis
   * negates that axis's odd frequencies (even indices, the DC row being skipped), and the diagonal
   * symmetries transpose.
   */
  static void dihedral(Dihedral d, float[] a, float[] out) {
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < K; j++) {
        float v = a[i * K + j];
        switch (d) {
          case ORIGINAL:
            out[i * K + j] = v;
            break;
          case ROTATE_90:
            out[j * K + i] = (j & 1) != 0 ? v : -v;
            break;
          case ROTATE_180:
            out[i * K + j] = ((i + j) & 1) != 0 ? -v : v;
            break;
          case ROTATE_270:
            out[j * K + i] = (i & 1) != 0 ? v : -v;
            break;
          case FLIP_X:
            out[i * K + j] = (i & 1) != 0 ? v : -v;
            break;
          case FLIP_Y:
            out[i * K + j] = (j & 1) != 0 ? v : -v;
            break;
          case FLIP_PLUS_1:
            out[j * K + i] = v;
            break;
          case FLIP_MINUS_1:
            out[j * K + i] = ((i + j) & 1) != 0 ? -v : v;
            break;
          default:
            throw new IllegalStateException("unknown dihedral " + d);
        }
      }
    }
  }
}
