package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The 51-bit-limb field arithmetic against {@link BigInteger} modulo 2^255 - 19. */
class Field25519Properties {

  private static final BigInteger P = Field25519.P;

  @Provide
  Arbitrary<BigInteger> elements() {
    // values near 0, p and 2^255 too, where carries and the final subtraction of p happen
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, P.subtract(BigInteger.ONE)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(40)),
        Arbitraries.bigIntegers().between(P.subtract(BigInteger.valueOf(40)), P.subtract(BigInteger.ONE)));
  }

  // a loose form of the value, limbs up to 2^52 as the operations leave them
  private static long[] loose(BigInteger v, Random random) {
    long[] r = Field25519.of(v);
    if (random.nextBoolean() && v.add(P).bitLength() <= 256) {
      BigInteger w = v.add(P);
      long mask = (1L << 51) - 1;
      for (int i = 0; i < 4; i++) {
        r[i] = w.shiftRight(51 * i).longValue() & mask;
      }
      r[4] = w.shiftRight(204).longValue();
    }
    return r;
  }

  @Property(tries = 2000)
  void operations_agreeWithBigInteger(@ForAll("elements") BigInteger a, @ForAll("elements") BigInteger b,
      @ForAll long seed) {
    Random random = new Random(seed);
    long[] fa = loose(a, random);
    long[] fb = loose(b, random);
    long[] r = Field25519.create();
    Field25519.mul(fa, fb, r);
    assertEquals(a.multiply(b).mod(P), Field25519.toBigInteger(r), "mul");
    Field25519.mul(r, fa, r);
    assertEquals(a.multiply(b).multiply(a).mod(P), Field25519.toBigInteger(r), "mul of a product");
    Field25519.sqr(fa, r);
    assertEquals(a.multiply(a).mod(P), Field25519.toBigInteger(r), "sqr");
    Field25519.add(fa, fb, r);
    assertEquals(a.add(b).mod(P), Field25519.toBigInteger(r), "add");
    Field25519.sub(fa, fb, r);
    assertEquals(a.subtract(b).mod(P), Field25519.toBigInteger(r), "sub");
    Field25519.negate(fa, r);
    assertEquals(a.negate().mod(P), Field25519.toBigInteger(r), "negate");
    Field25519.invert(fa, r);
    assertEquals(a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P), Field25519.toBigInteger(r), "invert");
    assertEquals(a.equals(b), Field25519.equal(fa, fb), "equal");
    assertEquals(a.testBit(0), Field25519.isOdd(fa), "isOdd");
  }

  @Property(tries = 1000)
  void decode_readsTheLow255Bits(@ForAll long seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    long[] r = Field25519.create();
    Field25519.decode(bytes, 0, r);
    BigInteger expected = ReferenceEd25519.fromLittleEndian(bytes, 0, 32).clearBit(255).mod(P);
    assertEquals(expected, Field25519.toBigInteger(r));
  }

  @Property(tries = 1000)
  void signedDigits_addUpToTheScalar(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int width) {
    Random random = new Random(seed);
    BigInteger scalar = new BigInteger(253, random);
    byte[] digits = Ed25519Verification.signedDigits(ReferenceEd25519.littleEndian(scalar), 0, width);
    BigInteger sum = BigInteger.ZERO;
    int lastNonZero = -width;
    for (int i = 0; i < digits.length; i++) {
      int d = digits[i];
      if (d != 0) {
        assertEquals(1, d & 1, "odd digit at " + i);
        assertTrue(Math.abs(d) < (1 << (width - 1)), "digit " + d + " at " + i);
        assertTrue(i - lastNonZero >= width, "digits closer than " + width + " at " + i);
        lastNonZero = i;
      }
      sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
    }
    assertEquals(scalar, sum);
  }
}
