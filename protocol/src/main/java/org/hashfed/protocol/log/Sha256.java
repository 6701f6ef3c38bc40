package org.hashfed.protocol.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests from the JDK, which every Java 17 runtime must provide. */
final class Sha256 {

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256, which the Java SE specification requires", e);
    }
  }
}
