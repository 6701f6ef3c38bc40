package org.hashfed.node.peer;

import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * Trust by fingerprint pinning: a certificate is trusted exactly when the predicate accepts its
 * SHA-256 fingerprint, read from the current roster at each handshake. No names, issuers or web
 * PKI are consulted, so a peer the roster does not pin fails the handshake before any HTTP is read.
 */
final class PeerTrust extends X509ExtendedTrustManager {

  private final Predicate<TlsFingerprint> pinned;
  private final String what;

  PeerTrust(Predicate<TlsFingerprint> pinned, String what) {
    this.pinned = pinned;
    this.what = what;
  }

  /**
   * Vert.x options over this trust manager. Wrapped in a factory of our own because Vert.x's
   * {@code TrustOptions.wrap(TrustManager)} needs SLF4J, which the node does not ship.
   */
  TrustOptions options() {
    TrustManager[] managers = {this};
    TrustManagerFactorySpi spi = new TrustManagerFactorySpi() {
      @Override
      protected void engineInit(KeyStore ks) {}

      @Override
      protected void engineInit(ManagerFactoryParameters spec) {}

      @Override
      protected TrustManager[] engineGetTrustManagers() {
        return managers.clone();
      }
    };
    return TrustOptions.wrap(new TrustManagerFactory(spi, null, "hashfed-pinned") {});
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException(what + ": no certificate presented (expected the certificate the roster pins)");
    }
    TlsFingerprint fp = TlsFingerprint.of(chain[0]);
    if (!pinned.test(fp)) {
      throw new CertificateException(what + ": certificate " + fp
          + " is not pinned by the current roster for an active member");
    }
    chain[0].checkValidity();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
