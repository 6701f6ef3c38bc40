package org.hashfed.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Field multiplication and whole verifications, this package's against Bouncy Castle's, on one
 * thread. Run by hand (README, "Provenance log"):
 * {@code java -cp <protocol test classpath> org.openjdk.jmh.Main Ed25519Benchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class Ed25519Benchmark {

  private final long[] fa = Field25519.create();
  private final long[] fb = Field25519.create();
  private final int[] ia = X25519Field.create();
  private final int[] ib = X25519Field.create();
  private Ed25519PublicKey key;
  private Ed25519.PublicPoint point;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    byte[] x = new byte[32];
    random.nextBytes(x);
    x[31] &= 0x7f;
    Field25519.decode(x, 0, fa);
    X25519Field.decode(x, 0, ia);
    random.nextBytes(x);
    x[31] &= 0x7f;
    Field25519.decode(x, 0, fb);
    X25519Field.decode(x, 0, ib);
    Ed25519PrivateKey privateKey = Ed25519PrivateKey.generate(random);
    key = privateKey.publicKey();
    point = Ed25519.validatePublicKeyPartialExport(key.bytes(), 0);
    // about the size of a PDQ submission's pre-authentication encoding
    message = ("x".repeat(400)).getBytes(StandardCharsets.US_ASCII);
    signature = privateKey.sign(message);
  }

  @Benchmark
  public long[] fieldMul() {
    Field25519.mul(fa, fb, fa);
    return fa;
  }

  @Benchmark
  public int[] fieldMulBouncyCastle() {
    X25519Field.mul(ia, ib, ia);
    return ia;
  }

  @Benchmark
  public long[] fieldSqr() {
    Field25519.sqr(fa, fa);
    return fa;
  }

  @Benchmark
  public int[] fieldSqrBouncyCastle() {
    X25519Field.sqr(ia, ia);
    return ia;
  }

  @Benchmark
  public Ed25519PublicKey verify() throws SignatureVerificationException {
    key.verify(message, signature);
    return key;
  }

  @Benchmark
  public boolean verifyBouncyCastle() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }
}
