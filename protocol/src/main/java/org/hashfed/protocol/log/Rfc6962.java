package org.hashfed.protocol.log;

/** The Merkle tree hashing of RFC 6962 section 2.1 (and RFC 9162 section 2.1.1), with SHA-256. */
public final class Rfc6962 {

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static final Hash32 EMPTY_ROOT = Hash32.sha256();

  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};

  private Rfc6962() {}

  /** The leaf hash {@code SHA-256(0x00 || data)}. */
  public static Hash32 leafHash(byte[] data) {
    return Hash32.sha256(LEAF_PREFIX, data);
  }

  /** The interior node hash {@code SHA-256(0x01 || left || right)}. */
  public static Hash32 nodeHash(Hash32 left, Hash32 right) {
    return Hash32.sha256(NODE_PREFIX, left.unsafeBytes(), right.unsafeBytes());
  }
}
