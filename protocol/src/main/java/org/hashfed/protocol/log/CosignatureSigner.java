package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;

/**
 * Cosigns checkpoints as a witness with C2SP tlog-cosignature v1 (signature type 0x04): an
 * Ed25519 signature over {@code "cosignature/v1\ntime <t>\n"} and the checkpoint text, prefixed by
 * the 8-byte timestamp {@code t}.
 */
public final class CosignatureSigner implements NoteSigner {

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519RawSigner raw;
  private final Clock clock;

  private CosignatureSigner(String name, Ed25519RawSigner raw, Clock clock) {
    this.name = name;
    this.raw = raw;
    this.clock = clock;
    this.publicKey = raw.publicKey();
    this.keyId = NoteKeys.keyId(name, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
  }

  /**
   * A witness named {@code name} signing with {@code raw} and stamping times from {@code clock}.
   *
   * @throws IllegalArgumentException when the name is empty or holds spaces or '+'
   */
  public static CosignatureSigner create(String name, Ed25519RawSigner raw, Clock clock) {
    return new CosignatureSigner(NoteKeys.checkName(name), Objects.requireNonNull(raw, "raw"),
        Objects.requireNonNull(clock, "clock"));
  }

  /** A witness for the Ed25519 private key with the given 32-byte seed, using the system clock. */
  public static CosignatureSigner fromSeed(String name, byte[] seed) {
    return create(name, Ed25519RawSigner.fromSeed(seed), Clock.systemUTC());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** A cosignature stamped with the clock's current time in whole seconds. */
  @Override
  public byte[] sign(byte[] text) {
    return signAt(text, clock.instant().getEpochSecond());
  }

  /**
   * A cosignature stamped with {@code timestamp} (POSIX seconds).
   *
   * @throws IllegalArgumentException when the timestamp is negative
   */
  public byte[] signAt(byte[] text, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("invalid cosignature timestamp " + timestamp + " (expected: 0..2^63-1)");
    }
    byte[] signature = raw.sign(Cosignatures.signedMessage(timestamp, text));
    return ByteBuffer.allocate(Cosignatures.LENGTH).putLong(timestamp).put(signature).array();
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x04 || public key)>}. */
  public String verifierKey() {
    return NoteKeys.format(name, keyId, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
  }

  /** The matching verifier. */
  public CosignatureVerifier verifier() {
    return CosignatureVerifier.create(name, publicKey);
  }

  @Override
  public String toString() {
    return "CosignatureSigner[" + name + "+" + NoteKeys.hex(keyId) + "]";
  }
}
