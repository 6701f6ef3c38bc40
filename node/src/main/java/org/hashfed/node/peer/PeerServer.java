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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * The peer port: HTTPS that requires a client certificate pinned by the roster (mutual TLS).
 * It carries only the peer protocol and has no notion of API keys.
 */
public final class PeerServer {

  /**
   * The only TLS version of the peer port, server and client alike: every node runs this code, so
   * nothing needs an older one, and TLS 1.3 encrypts the certificates the roster pins.
   */
  public static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.3");

  private final HttpServer server;
  private final Connections connections;

  /** Counts of the connections that passed the handshake, for metrics and tests. */
  public static final class Connections {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();

    /** Connections accepted since start, each one a mutual-TLS handshake that succeeded. */
    public long accepted() {
      return accepted.get();
    }

    /** Connections open now. */
    public int open() {
      return open.get();
    }
  }

  private PeerServer(HttpServer server, Connections connections) {
    this.server = server;
    this.connections = connections;
  }

  /**
   * Listens on {@code host:port} with the node's certificate, trusting exactly the client
   * certificates whose fingerprint {@code pinned} accepts at handshake time.
   */
  public static Future<PeerServer> start(Vertx vertx, String host, int port, TlsIdentity tls,
      Predicate<TlsFingerprint> pinned, Handler<HttpServerRequest> handler) {
    return start(vertx, host, port, tls, pinned, handler, fp -> {});
  }

  /**
   * As {@link #start(Vertx, String, int, TlsIdentity, Predicate, Handler)}, calling {@code connected}
   * with the client's fingerprint each time a peer opens a connection (after the handshake).
   */
  public static Future<PeerServer> start(Vertx vertx, String host, int port, TlsIdentity tls,
      Predicate<TlsFingerprint> pinned, Handler<HttpServerRequest> handler, Consumer<TlsFingerprint> connected) {
    HttpServerOptions options = new HttpServerOptions()
        .setSsl(true)
        .setEnabledSecureTransportProtocols(TLS_PROTOCOLS)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagerFactory()))
        .setTrustOptions(new PeerTrust(pinned, "peer client").options())
        .setCompressionSupported(false)
        .setIdleTimeout(120);
    HttpServer server = vertx.createHttpServer(options);
    Connections connections = new Connections();
    server.connectionHandler(conn -> {
      connections.accepted.incrementAndGet();
      connections.open.incrementAndGet();
      conn.closeHandler(v -> connections.open.decrementAndGet());
      try {
        List<Certificate> certs = conn.peerCertificates();
        if (certs != null && !certs.isEmpty()) {
          connected.accept(TlsFingerprint.of(certs.get(0)));
        }
      } catch (SSLPeerUnverifiedException e) {
        // cannot happen after a handshake that required a client certificate; nothing to report
      }
    });
    return server.requestHandler(handler).listen(port, host).map(s -> new PeerServer(s, connections));
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

  /** The connections peers opened to this server. */
  public Connections connections() {
    return connections;
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
