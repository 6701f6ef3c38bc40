package org.hashfed.node.peer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.protocol.crypto.SecretFiles;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * The node's TLS key and self-signed certificate for peer links: ECDSA P-256, created on first
 * start as {@code tls.key} (PKCS#8 PEM, mode 0600) and {@code tls.crt} (PEM) in the data directory.
 *
 * <p>Peers never check the certificate's names or issuer: they pin its SHA-256 fingerprint, which
 * the roster lists. The key pair comes from the JDK; Bouncy Castle only assembles the X.509
 * structure, so no BC JCA provider is registered.
 */
public final class TlsIdentity {

  private static final Logger LOG = Logger.getLogger(TlsIdentity.class.getName());
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final char[] STORE_PASSWORD = "hashfed".toCharArray();

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final TlsFingerprint fingerprint;
  private volatile KeyManagerFactory keyManagers;

  private TlsIdentity(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
    this.fingerprint = TlsFingerprint.of(certificate);
  }

  /**
   * Loads {@code tls.key} and {@code tls.crt} from {@code dataDir}, creating both on first start.
   *
   * @throws NodeStartException when a file cannot be read, written or parsed, or the key is group/world readable
   */
  public static TlsIdentity loadOrCreate(Path dataDir, String member) {
    Path keyFile = dataDir.resolve("tls.key");
    Path certFile = dataDir.resolve("tls.crt");
    try {
      if (!Files.exists(keyFile) && !Files.exists(certFile)) {
        TlsIdentity created = generate(member);
        SecretFiles.create(keyFile, pem("PRIVATE KEY", created.key.getEncoded()));
        Files.write(certFile, pem("CERTIFICATE", created.certificate.getEncoded()));
        LOG.info(() -> "first start: created TLS certificate " + certFile + " with SHA-256 fingerprint "
            + created.fingerprint);
      }
      checkOwnerOnly(keyFile);
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
          new PKCS8EncodedKeySpec(unpem(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY", keyFile)));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
      TlsIdentity id = new TlsIdentity(key, cert);
      LOG.info(() -> "TLS certificate " + certFile + " has SHA-256 fingerprint " + id.fingerprint);
      return id;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof NodeStartException nse) {
        throw nse;
      }
      throw new NodeStartException("cannot load the TLS identity " + keyFile + " / " + certFile + ": " + e.getMessage()
          + " (delete both files to generate a new pair, then update the roster's tls_fingerprint)", e);
    }
  }

  /** A fresh key and self-signed certificate, not written anywhere (for tools and tests). */
  public static TlsIdentity generate(String member) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=hashfed node " + member);
      Instant now = Instant.now();
      X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(VALIDITY)), name, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
      return new TlsIdentity(pair.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate an ECDSA P-256 TLS certificate: " + e.getMessage(), e);
    }
  }

  private static void checkOwnerOnly(Path keyFile) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
    if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
      throw new NodeStartException("TLS key " + keyFile + " is readable by others: expected mode 0600 (chmod 600 "
          + keyFile + ")", null);
    }
  }

  private static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] unpem(String text, String type, Path file) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(file + " is not a PEM \"" + type + "\" block");
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }

  /** The SHA-256 fingerprint of the certificate, as the roster pins it. */
  public TlsFingerprint fingerprint() {
    return fingerprint;
  }

  /** The certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A key manager factory presenting this key and certificate, for the peer server and every peer
   * client; built once. The in-memory PKCS12 store wraps and unwraps the key with PBKDF2 (thousands
   * of HMAC rounds), which per client made a 20-node consortium spend seconds of start-up in it.
   */
  KeyManagerFactory keyManagerFactory() {
    KeyManagerFactory kmf = keyManagers;
    if (kmf == null) {
      synchronized (this) {
        if (keyManagers == null) {
          keyManagers = buildKeyManagerFactory();
        }
        kmf = keyManagers;
      }
    }
    return kmf;
  }

  private KeyManagerFactory buildKeyManagerFactory() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("node", key, STORE_PASSWORD, new X509Certificate[] {certificate});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, STORE_PASSWORD);
      return kmf;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a key manager for the node's TLS key: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TlsIdentity{fingerprint=" + fingerprint + "}";
  }
}
