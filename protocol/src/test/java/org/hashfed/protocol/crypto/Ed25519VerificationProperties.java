package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * The fast verification ({@link Ed25519Verification}, from a key's second verification on) against
 * the check it replaced (the explicit S and R checks, then Bouncy
 * Castle 1.87's {@code Ed25519.verify} against the key's decoded point), on valid signatures and on
 * every kind of damaged or hostile one: both must give the same answer on every input.
 */
class Ed25519VerificationProperties {

  private static final BigInteger P = ReferenceEd25519.P;
  private static final BigInteger L = ReferenceEd25519.L;
  private static final int KINDS = 16;

  /** What verification answered before the fast path: the explicit checks, then Bouncy Castle. */
  static boolean bouncyCastleAccepts(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || !Ed25519PublicKey.isCanonicalPoint(publicKey)) {
      return false;
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(publicKey, 0);
    if (point == null || signature.length != 64) {
      return false;
    }
    if (!Ed25519PublicKey.isCanonicalScalar(signature) || !Ed25519PublicKey.isCanonicalPoint(signature)) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  static boolean accepts(byte[] publicKey, byte[] message, byte[] signature) {
    Ed25519PublicKey key;
    try {
      key = Ed25519PublicKey.fromBytes(publicKey);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // a key's first verification is Bouncy Castle's, the later ones Ed25519Verification's
    boolean first = verifies(key, message, signature);
    boolean second = verifies(key, message, signature);
    assertEquals(first, second, "first and second verification of the same signature");
    return second;
  }

  private static boolean verifies(Ed25519PublicKey key, byte[] message, byte[] signature) {
    try {
      key.verify(message, signature);
      return true;
    } catch (SignatureVerificationException e) {
      return false;
    }
  }

  @Property(tries = 300)
  void verify_agreesWithBouncyCastle(@ForAll long seed, @ForAll @IntRange(min = 0, max = KINDS - 1) int kind) {
    Case c = hostileCase(new Random(seed), kind);
    assertEquals(bouncyCastleAccepts(c.publicKey, c.message, c.signature),
        accepts(c.publicKey, c.message, c.signature), () -> c.describe(kind));
  }

  @Property(tries = 60)
  void verify_withTorsionAddedToR_acceptsAsBouncyCastleDoes(@ForAll long seed) {
    // the equation is cofactored: a small-order component of R does not change the answer
    Case c = hostileCase(new Random(seed), 9);
    assertTrue(bouncyCastleAccepts(c.publicKey, c.message, c.signature), c.describe(9));
    assertTrue(accepts(c.publicKey, c.message, c.signature), c.describe(9));
  }

  @Test
  void verify_withIdentityR_acceptsWhenSIsKTimesTheSecret() {
    Case c = hostileCase(new Random(1), 12);
    assertTrue(bouncyCastleAccepts(c.publicKey, c.message, c.signature));
    assertTrue(accepts(c.publicKey, c.message, c.signature));
  }

  @Test
  void verify_withMixedOrderKey_acceptsAsBouncyCastleDoes() {
    Case c = hostileCase(new Random(2), 10);
    assertTrue(bouncyCastleAccepts(c.publicKey, c.message, c.signature));
    assertTrue(accepts(c.publicKey, c.message, c.signature));
  }

  record Case(byte[] publicKey, byte[] message, byte[] signature) {
    String describe(int kind) {
      HexFormat hex = HexFormat.of();
      return "kind " + kind + ": key " + hex.formatHex(publicKey) + ", message "
          + hex.formatHex(message) + ", signature " + hex.formatHex(signature);
    }
  }

  private static Case hostileCase(Random random, int kind) {
    BigInteger a = new BigInteger(256, random).mod(L);
    BigInteger r = new BigInteger(256, random).mod(L);
    byte[] message = new byte[random.nextInt(300)];
    random.nextBytes(message);
    ReferenceEd25519.Point pointA = ReferenceEd25519.multiply(a, ReferenceEd25519.BASE);
    byte[] publicKey = ReferenceEd25519.encode(pointA);
    byte[] signature = ReferenceEd25519.sign(a, r, publicKey, message);
    switch (kind) {
      case 0 -> { }
      case 1 -> flip(signature, random.nextInt(256));
      case 2 -> flip(signature, 256 + random.nextInt(256));
      case 3 -> {
        if (message.length > 0) {
          flip(message, random.nextInt(message.length * 8));
        }
      }
      case 4 -> flip(publicKey, random.nextInt(256));
      case 5 -> {
        // S + L, and S + L with a flipped top bit: no longer below L
        BigInteger s = ReferenceEd25519.fromLittleEndian(signature, 32, 32).add(L);
        signature = ReferenceEd25519.withS(signature, random.nextBoolean() ? s : s.setBit(255));
      }
      case 6 -> {
        byte[] s = new byte[32];
        random.nextBytes(s);
        s[31] &= (byte) (random.nextBoolean() ? 0x1f : 0xff);
        System.arraycopy(s, 0, signature, 32, 32);
      }
      case 7 -> {
        // y = p + i for i in 0..18: a non-canonical encoding, of a point or not
        byte[] y = ReferenceEd25519.littleEndian(P.add(BigInteger.valueOf(random.nextInt(19))));
        y[31] |= (byte) (random.nextBoolean() ? 0x80 : 0);
        System.arraycopy(y, 0, signature, 0, 32);
      }
      case 8 -> {
        byte[] t = smallOrder(random);
        System.arraycopy(t, 0, signature, 0, 32);
      }
      case 9 -> {
        ReferenceEd25519.Point pointR = ReferenceEd25519.multiply(r, ReferenceEd25519.BASE);
        byte[] mixedR = ReferenceEd25519.encode(ReferenceEd25519.add(pointR, torsion(random, true)));
        // k is over the new R, so S is made again for it
        BigInteger k = ReferenceEd25519.challenge(mixedR, publicKey, message);
        signature = ReferenceEd25519.withS(mixedR, r.add(k.multiply(a)).mod(L));
      }
      case 10 -> {
        publicKey = ReferenceEd25519.encode(ReferenceEd25519.add(pointA, torsion(random, true)));
        signature = ReferenceEd25519.sign(a, r, publicKey, message);
      }
      case 11 -> {
        publicKey = ReferenceEd25519.encode(ReferenceEd25519.add(pointA, torsion(random, true)));
        ReferenceEd25519.Point pointR = ReferenceEd25519.multiply(r, ReferenceEd25519.BASE);
        byte[] mixedR = ReferenceEd25519.encode(ReferenceEd25519.add(pointR, torsion(random, false)));
        BigInteger k = ReferenceEd25519.challenge(mixedR, publicKey, message);
        signature = ReferenceEd25519.withS(mixedR, r.add(k.multiply(a)).mod(L));
      }
      case 12 -> {
        // R the identity (or another small-order point) and S = k a: [S]B = [k]A
        byte[] smallR = random.nextBoolean() ? ReferenceEd25519.encode(ReferenceEd25519.IDENTITY) : smallOrder(random);
        BigInteger k = ReferenceEd25519.challenge(smallR, publicKey, message);
        signature = ReferenceEd25519.withS(smallR, k.multiply(a).mod(L));
      }
      case 13 -> {
        random.nextBytes(signature);
        if (random.nextBoolean()) {
          random.nextBytes(publicKey);
        }
      }
      case 14 -> {
        // the identity as R with S = 0, or the key's small-order stand-ins
        signature = ReferenceEd25519.withS(ReferenceEd25519.encode(ReferenceEd25519.IDENTITY), BigInteger.ZERO);
        if (random.nextBoolean()) {
          publicKey = smallOrder(random);
        }
      }
      default -> {
        // x = 0 with the sign bit set: no point, though y is canonical
        byte[] negativeZero = ReferenceEd25519.encode(random.nextBoolean()
            ? ReferenceEd25519.IDENTITY : new ReferenceEd25519.Point(BigInteger.ZERO, P.subtract(BigInteger.ONE)));
        negativeZero[31] |= (byte) 0x80;
        System.arraycopy(negativeZero, 0, signature, 0, 32);
      }
    }
    return new Case(publicKey, message, signature);
  }

  private static void flip(byte[] bytes, int bit) {
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
  }

  // one of the eight points of small order, or a non-canonical encoding of one
  private static byte[] smallOrder(Random random) {
    byte[] t = ReferenceEd25519.encode(torsion(random, false));
    if (random.nextInt(4) == 0) {
      BigInteger y = ReferenceEd25519.fromLittleEndian(t, 0, 32).clearBit(255);
      if (y.add(P).bitLength() <= 255) {
        byte[] alias = ReferenceEd25519.littleEndian(y.add(P));
        alias[31] |= (byte) (t[31] & 0x80);
        return alias;
      }
    }
    return t;
  }

  private static ReferenceEd25519.Point torsion(Random random, boolean nonZero) {
    int n = nonZero ? 1 + random.nextInt(7) : random.nextInt(8);
    return ReferenceEd25519.multiply(BigInteger.valueOf(n), ReferenceEd25519.TORSION_8);
  }
}
