package org.hashfed.node.peer;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * The peer port: HTTPS that requires a client certificate pinned by the roster (mutual TLS).
 * It carries only the peer protocol and has no notion of API keys.
 */
public final class PeerServer {

  private final HttpServer server;

  private PeerServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code host:port} with the node's certificate, trusting exactly the client
   * certificates whose fingerprint {@code pinned} accepts at handshake time.
   */
  public static Future<PeerServer> start(Vertx vertx, String host, int port, TlsIdentity tls,
      Predicate<TlsFingerprint> pinned, Handler<HttpServerRequest> handler) {
    HttpServerOptions options = new HttpServerOptions()
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagerFactory()))
        .setTrustOptions(new PeerTrust(pinned, "peer client").options())
        .setCompressionSupported(false)
        .setIdleTimeout(120);
    HttpServer server = vertx.createHttpServer(options);
    return server.requestHandler(handler).listen(port, host).map(PeerServer::new);
  }

  /** The fingerprint of the certificate the client of this request presented, if any. */
  public static Optional<TlsFingerprint> clientFingerprint(HttpServerRequest request) {
    try {
      List<Certificate> certs = request.connection().peerCertificates();
      return certs == null || certs.isEmpty() ? Optional.empty() : Optional.of(TlsFingerprint.of(certs.get(0)));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** The port actually listened on. */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening and closes open connections. */
  public Future<Void> close() {
    return server.close();
  }
}
