package org.hashfed.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A platform's webhook endpoint in the demo: a loopback HTTP server that checks each delivery's
 * Standard Webhooks signature, as a platform would, and keeps the events whose signature holds.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final int MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> verified = new CopyOnWriteArrayList<>();
  private volatile byte[] secret;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebhookReceiver r = new WebhookReceiver(server);
    server.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String time = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean ok = r.secret != null && id != null && time != null && signature != null
            && r.signatureHolds(id, time, body, signature);
        if (ok) {
          r.verified.add(JSON.readTree(body));
        }
        exchange.sendResponseHeaders(ok ? 204 : 401, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
    return r;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The secret the node generated for this endpoint, {@code whsec_} and base64. */
  void secret(String whsec) {
    this.secret = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
  }

  /** Events received with a valid signature, in arrival order. */
  List<JsonNode> verified() {
    return verified;
  }

  // Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, one or more, space separated
  private boolean signatureHolds(String id, String time, byte[] body, String header) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((id + "." + time + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      for (String candidate : header.split(" ")) {
        if (candidate.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
