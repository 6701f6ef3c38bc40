package org.hashfed.protocol.pdq;

/** The PDQ image-domain quality metric: how much gradient the 64x64 downsample has, 0..100. */
final class Quality {

  private Quality() {}

  /**
   * Sum of {@code |int((u - v) * 100 / 255)|} over all vertically and horizontally adjacent pairs,
   * divided by 90 and capped at 100. Float, then truncation, exactly as the references compute it.
   */
  static int of(float[] a) {
    int n = Dct.N;
    int sum = 0;
    for (int i = 0; i < n - 1; i++) {
      for (int j = 0; j < n; j++) {
        float u = a[i * n + j];
        float v = a[(i + 1) * n + j];
        sum += Math.abs((int) ((u - v) * 100 / 255));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n - 1; j++) {
        float u = a[i * n + j];
        float v = a[i * n + j + 1];
        sum += Math.abs((int) ((u - v) * 100 / 255));
      }
    }
    return Math.min(100, sum / 90);
  }
}
