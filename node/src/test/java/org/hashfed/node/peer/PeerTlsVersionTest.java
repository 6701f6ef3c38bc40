package org.hashfed.node.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.hashfed.node.TestVertx;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The peer port speaks TLS 1.3 only: a client limited to TLS 1.2 is refused at the handshake even
 * with a pinned certificate, while the same client allowed TLS 1.3 gets through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerTlsVersionTest {

  private Vertx vertx;
  private PeerServer server;
  private TlsIdentity serverTls;
  private final TlsIdentity clientTls = TlsIdentity.generate("client");

  @BeforeAll
  void start() throws Exception {
    vertx = TestVertx.create();
    serverTls = TlsIdentity.generate("server");
    server = get(PeerServer.start(vertx, "127.0.0.1", 0, serverTls, clientTls.fingerprint()::equals,
        req -> req.response().end("{\"ok\":true}")));
  }

  @AfterAll
  void stop() throws Exception {
    get(server.close());
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A JDK client presenting the pinned client certificate, trusting exactly the server's. */
  private SSLSocket connect(String protocol) throws Exception {
    X509TrustManager pinnedServer = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!TlsFingerprint.of(chain[0]).equals(serverTls.fingerprint())) {
          throw new CertificateException("not the peer server's certificate");
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(clientTls.keyManagerFactory().getKeyManagers(), new TrustManager[] {pinnedServer}, new SecureRandom());
    SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(new Socket("127.0.0.1", server.port()),
        "127.0.0.1", server.port(), true);
    socket.setSoTimeout(30_000);
    socket.setEnabledProtocols(new String[] {protocol});
    return socket;
  }

  @Test
  void tls12OnlyClient_isRefusedAtTheHandshake() throws Exception {
    try (SSLSocket socket = connect("TLSv1.2")) {
      assertThrows(SSLException.class, socket::startHandshake);
    }
  }

  @Test
  void tls13Client_withThePinnedCertificate_isServed() throws Exception {
    try (SSLSocket socket = connect("TLSv1.3")) {
      socket.startHandshake();
      assertEquals("TLSv1.3", socket.getSession().getProtocol());
      OutputStream out = socket.getOutputStream();
      out.write("GET /ping HTTP/1.1\r\nHost: peer\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = read(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.endsWith("{\"ok\":true}"), answer);
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
  }
}
