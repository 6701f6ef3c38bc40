package org.hashfed.protocol.roster;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;

/** The SHA-256 of a node's DER-encoded TLS certificate, as 64 lowercase hex digits: what peers pin. */
public final class TlsFingerprint {

  private final String hex;

  private TlsFingerprint(String hex) {
    this.hex = hex;
  }

  /**
   * Parses the roster form: exactly 64 lowercase hex digits.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static TlsFingerprint parse(String hex) {
    if (!RosterText.isHex64(hex)) {
      throw new IllegalArgumentException("invalid TLS fingerprint " + RosterText.quote(hex)
          + ": expected 64 lowercase hex digits (SHA-256 of the DER certificate)");
    }
    return new TlsFingerprint(hex);
  }

  /**
   * Parses what a person types: upper or lower case, optionally with a colon between each pair of
   * digits as {@code openssl x509 -fingerprint -sha256} prints it.
   *
   * @throws IllegalArgumentException when the text is not 32 bytes of hex in one of those forms
   */
  public static TlsFingerprint parseInput(String text) {
    if (text != null && text.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}")) {
      return parse(text.replace(":", "").toLowerCase(Locale.ROOT));
    }
    if (text != null && text.matches("[0-9A-Fa-f]{64}")) {
      return parse(text.toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("invalid TLS fingerprint " + RosterText.quote(text)
        + ": expected 64 hex digits, optionally as 32 colon-separated pairs (SHA-256 of the DER certificate)");
  }

  /** The fingerprint of a certificate, e.g. one a peer presented in a TLS handshake. */
  public static TlsFingerprint of(Certificate certificate) {
    try {
      return ofDer(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded: " + e.getMessage(), e);
    }
  }

  /** The fingerprint of DER certificate bytes. */
  public static TlsFingerprint ofDer(byte[] der) {
    try {
      return new TlsFingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * The fingerprint of the one X.509 certificate in PEM (or DER) bytes.
   *
   * @throws IllegalArgumentException when the bytes are not exactly one X.509 certificate
   */
  public static TlsFingerprint ofCertificateFile(byte[] pemOrDer) {
    Collection<? extends Certificate> certs;
    try {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pemOrDer));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage()
          + " (expected one PEM \"BEGIN CERTIFICATE\" block or DER)", e);
    }
    if (certs.size() != 1) {
      throw new IllegalArgumentException("holds " + certs.size()
          + " certificates: expected exactly one, the node's own TLS certificate");
    }
    return of(certs.iterator().next());
  }

  /** The 64 lowercase hex digits. */
  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsFingerprint f && f.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
