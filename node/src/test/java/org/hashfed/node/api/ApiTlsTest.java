package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.hashfed.node.Node;
import org.hashfed.node.config.ConfigException;
import org.hashfed.node.config.ConfigLoader;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform API over TLS with the operator's PEM certificate and key ({@code http.tls_cert}, {@code http.tls_key}). */
class ApiTlsTest {

  @TempDir Path dir;

  /** A certificate and key in PEM, as an operator would have them: {@code tls.crt} and {@code tls.key} in {@code certs}. */
  private TlsIdentity pemPair(Path certs) throws IOException {
    Files.createDirectories(certs);
    return TlsIdentity.loadOrCreate(certs, "api");
  }

  @Test
  void apiServedOverTls_withTheConfiguredCertificate_andNotInPlainHttp() throws Exception {
    Path certs = dir.resolve("certs");
    TlsIdentity pair = pemPair(certs);
    Path data = dir.resolve("data");
    try (Node node = Node.start(NodeConfig.builder().dataDir(data).port(0).peerPort(0)
        .apiTls(certs.resolve("tls.crt"), certs.resolve("tls.key")).build())) {
      String admin = Files.readString(data.resolve("admin.key")).trim();
      String answer = httpsGet(node.port(), "/v1/status", admin, pair.fingerprint());
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("\"member\""), answer);

      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/healthz"))
          .timeout(Duration.ofSeconds(20)).build();
      int status;
      try {
        status = plain.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (IOException refused) {
        status = -1;
      }
      assertTrue(status != 200, "plain HTTP must not be served on the TLS port, got " + status);
    }
  }

  /** A GET over TLS from a client that trusts exactly the certificate with {@code expected}'s fingerprint. */
  private static String httpsGet(int port, String path, String key, TlsFingerprint expected) throws Exception {
    X509TrustManager pinned = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!TlsFingerprint.of(chain[0]).equals(expected)) {
          throw new CertificateException("the API presented another certificate than http.tls_cert");
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {pinned}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(new Socket("127.0.0.1", port),
        "127.0.0.1", port, true)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void config_needsBothFiles_readable_fromFileOrEnvironment() throws Exception {
    Path certs = dir.resolve("certs");
    pemPair(certs);
    String cert = certs.resolve("tls.crt").toString();
    String key = certs.resolve("tls.key").toString();

    NodeConfig fromEnv = ConfigLoader.withEnvironment(Map.of("HASHFED_DATA", dir.toString(), "HASHFED_TLS_CERT", cert,
        "HASHFED_TLS_KEY", key)).load(null).build();
    assertEquals(Path.of(cert), fromEnv.apiTls().orElseThrow().certFile());

    Path yaml = dir.resolve("node.yaml");
    Files.writeString(yaml, "http:\n  tls_cert: " + cert + "\n  tls_key: " + key + "\n");
    assertEquals(Path.of(key), ConfigLoader.withEnvironment(Map.of()).load(yaml).build().apiTls().orElseThrow()
        .keyFile());

    ConfigException one = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(
        Map.of("HASHFED_TLS_CERT", cert)).load(null).build());
    assertTrue(one.getMessage().contains("expected both"), one.getMessage());

    ConfigException missing = assertThrows(ConfigException.class, () -> NodeConfig.builder().dataDir(dir)
        .apiTls(Path.of("nope.crt"), Path.of(key)).build());
    assertTrue(missing.getMessage().contains("http.tls_cert " + dir.resolve("nope.crt")), missing.getMessage());

    assertTrue(NodeConfig.builder().dataDir(dir).build().apiTls().isEmpty(), "plain HTTP by default");
  }
}
