package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * Decodes the blocks of one JPEG scan (ITU T.81 F.2 and G.1.2): Y blocks into the frame, chroma
 * blocks only as far as needed to find the next block's bits.
 */
final class JpegScanUnit {

  private final JpegLumaDecoder frame;
  private final JpegBits bits;
  private final int ss;
  private final int se;
  private final int ah;
  private final int al;
  private final int[] comps;
  private final JpegHuffmanTable[] dc;
  private final JpegHuffmanTable[] ac;
  /** Y's dequantisation multipliers ({@link JpegScaledIdct#multipliers}); sequential scans only. */
  private final int[] multipliers;
  private final boolean readsAc;
  private final short[] scratch = new short[64];

  JpegScanUnit(JpegLumaDecoder frame, JpegBits bits, int ss, int se, int ah, int al, int[] comps,
      JpegHuffmanTable[] dc, JpegHuffmanTable[] ac, int[] multipliers) {
    this.frame = frame;
    this.bits = bits;
    this.ss = ss;
    this.se = se;
    this.ah = ah;
    this.al = al;
    this.comps = comps;
    this.dc = dc;
    this.ac = ac;
    this.multipliers = multipliers;
    this.readsAc = frame.readsAc();
  }

  /** The interleaved MCU at {@code (row, col)} of the MCU grid. */
  void mcu(int row, int col) throws ImageDecodeException {
    for (int i = 0; i < comps.length; i++) {
      int c = comps[i];
      int hc = frame.h(c);
      int vc = frame.v(c);
      for (int y = 0; y < vc; y++) {
        for (int x = 0; x < hc; x++) {
          block(c, i, row * vc + y, col * hc + x);
        }
      }
    }
  }

  /** Block {@code (bx, by)} of component {@code c}, the scan's {@code i}-th. */
  void block(int c, int i, int by, int bx) throws ImageDecodeException {
    if (!frame.progressive()) {
      sequential(c, i, by, bx);
      return;
    }
    short[] coef = scratch;
    int base = 0;
    if (c == 0 && by < frame.blocksY() && bx < frame.blocksX()) {
      coef = frame.coefficients();
      base = (by * frame.blocksX() + bx) * 64;
    }
    if (ss == 0) {
      if (ah == 0) {
        int diff = bits.signed(category(bits.decode(dc[i])));
        frame.predictors()[c] += diff;
        coef[base] = (short) (frame.predictors()[c] << al);
      } else if (bits.bit() != 0) {
        coef[base] |= (short) (1 << al);
      }
    } else if (ah == 0) {
      acFirst(coef, base, ac[i]);
    } else {
      acRefine(coef, base, ac[i]);
    }
  }

  private void sequential(int c, int i, int by, int bx) throws ImageDecodeException {
    int[] predictors = frame.predictors();
    predictors[c] += bits.dcDifference(dc[i]);
    if (c != 0) {
      bits.skipAc(ac[i]);
      return;
    }
    long[] b = frame.block();
    b[0] = (long) predictors[0] * multipliers[0];
    int last = 0;
    if (readsAc) {
      last = bits.acCoefficients(ac[i], multipliers, b);
    } else {
      bits.skipAc(ac[i]);
    }
    if (by < frame.blocksY() && bx < frame.blocksX()) {
      frame.output(bx, by, last);
    } else {
      Arrays.fill(b, 0);
    }
  }

  private void acFirst(short[] coef, int base, JpegHuffmanTable table) throws ImageDecodeException {
    int run = frame.eobRun();
    if (run > 0) {
      frame.eobRun(run - 1);
      return;
    }
    for (int k = ss; k <= se; k++) {
      int rs = bits.decode(table);
      int r = rs >> 4;
      int s = rs & 15;
      if (s != 0) {
        k += r;
        coef[base + JpegLumaDecoder.NATURAL[k]] = (short) (bits.signed(s) << al);
      } else if (r == 15) {
        k += 15;
      } else {
        frame.eobRun((1 << r) + bits.bits(r) - 1);
        break;
      }
    }
  }

  /** G.1.2.3: one correction bit for every non-zero coefficient, new coefficients of magnitude one. */
  private void acRefine(short[] coef, int base, JpegHuffmanTable table) throws ImageDecodeException {
    int p1 = 1 << al;
    int m1 = -1 << al;
    int k = ss;
    int run = frame.eobRun();
    if (run == 0) {
      for (; k <= se; k++) {
        int rs = bits.decode(table);
        int r = rs >> 4;
        int s = rs & 15;
        int value = 0;
        if (s != 0) {
          // A new coefficient is always of magnitude 1 (s == 1); its sign is the next bit.
          value = bits.bit() != 0 ? p1 : m1;
        } else if (r != 15) {
          run = (1 << r) + bits.bits(r);
          break;
        }
        while (k <= se) {
          int z = base + JpegLumaDecoder.NATURAL[k];
          if (coef[z] != 0) {
            refine(coef, z, p1, m1);
          } else {
            if (--r < 0) {
              break;
            }
          }
          k++;
        }
        if (value != 0) {
          coef[base + JpegLumaDecoder.NATURAL[k]] = (short) value;
        }
      }
    }
    if (run > 0) {
      for (; k <= se; k++) {
        int z = base + JpegLumaDecoder.NATURAL[k];
        if (coef[z] != 0) {
          refine(coef, z, p1, m1);
        }
      }
      run--;
    }
    frame.eobRun(run);
  }

  private void refine(short[] coef, int z, int p1, int m1) {
    if (bits.bit() != 0 && (coef[z] & p1) == 0) {
      coef[z] += (short) (coef[z] >= 0 ? p1 : m1);
    }
  }

  private static int category(int s) throws ImageDecodeException {
    if (s > 15) {
      throw JpegLumaDecoder.invalid("corrupt data (DC magnitude category " + s + ")");
    }
    return s;
  }
}
