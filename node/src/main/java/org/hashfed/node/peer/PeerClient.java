package org.hashfed.node.peer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * Requests to one peer: HTTPS presenting this node's certificate and trusting only the server
 * certificate the roster pins for that peer. Every request has a timeout for the connection and a
 * deadline for the whole exchange, and a bound on the response body, so a slow or flooding peer
 * costs at most that.
 */
public final class PeerClient {

  /**
   * Idle connections stay open this long (below the peer server's 120 s idle timeout, so the
   * client closes first): a mutual-TLS handshake costs both sides far more CPU than the requests
   * that follow.
   */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(60);
  /**
   * Connections to one peer: enough for the two pushes that may be in flight (anti-entropy
   * requests wait for a free one). Each one more would cost a handshake on both sides.
   */
  public static final int MAX_CONNECTIONS = 2;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final String base;
  private final Duration timeout;
  private final long maxBodyBytes;

  private PeerClient(Vertx vertx, HttpClientAgent http, String base, Duration timeout, long maxBodyBytes) {
    this.vertx = vertx;
    this.http = http;
    this.base = base;
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * A client for the peer at {@code url} whose certificate must have fingerprint {@code pinned}
   * and still be accepted by {@code stillPinned} (the current roster) at handshake time.
   */
  public static PeerClient create(Vertx vertx, TlsIdentity tls, PeerUrl url, TlsFingerprint pinned,
      Predicate<TlsFingerprint> stillPinned, Duration timeout, long maxBodyBytes) {
    HttpClientOptions options = new HttpClientOptions()
        .setSsl(true)
        .setEnabledSecureTransportProtocols(PeerServer.TLS_PROTOCOLS)
        .setVerifyHost(false)
        .setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagerFactory()))
        .setTrustOptions(new PeerTrust(fp -> fp.equals(pinned) && stillPinned.test(fp), "peer server " + url).options())
        .setConnectTimeout((int) timeout.toMillis())
        .setKeepAlive(true)
        .setKeepAliveTimeout((int) KEEP_ALIVE.toSeconds());
    String text = url.toString();
    String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    return new PeerClient(vertx, vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS)),
        base, timeout, maxBodyBytes);
  }

  /** POSTs a JSON body and returns the response body of a 2xx response. */
  public Future<Buffer> post(String path, Buffer body) {
    return send(HttpMethod.POST, path, body);
  }

  /** GETs and returns the response body of a 2xx response. */
  public Future<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  private Future<Buffer> send(HttpMethod method, String path, Buffer body) {
    return send(method, path, body, Map.of());
  }

  /**
   * Sends a request with extra headers and returns the response body of a 2xx response. Getting a
   * connection and then the whole exchange each have the timeout, however busy the connection is.
   */
  public Future<Buffer> send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
    return answer(method, path, body, headers).compose(PeerClient::successBody);
  }

  /**
   * Sends a request and returns the peer's answer whatever its status, for protocols that give
   * meaning to error statuses (C2SP tlog-witness's 409); same timeouts and body bound as
   * {@link #send}. {@code headers} may replace the JSON content type.
   */
  public Future<PeerAnswer> answer(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base + path)
        .setTimeout(timeout.toMillis()).putHeader("Content-Type", "application/json");
    headers.forEach(options::putHeader);
    return http.request(options).compose(req -> exchange(req, path, body));
  }

  private static Future<Buffer> successBody(PeerAnswer answer) {
    int status = answer.status();
    if (status / 100 == 2) {
      return Future.succeededFuture(answer.body());
    }
    // cut the text, not the bytes: a short body of multi-byte characters has fewer chars than bytes
    String text = answer.body().toString(StandardCharsets.UTF_8);
    String what = "HTTP " + status + " from " + answer.from() + ": " + text.substring(0, Math.min(200, text.length()));
    // 429 (its rate limit) and 507 (its disk is full) say the peer is up and asks us to come back later
    return Future.failedFuture(status == 429 || status == 507
        ? new PeerException(PeerException.Kind.BUSY, what, retryAfterMillis(answer.retryAfter()))
        : new PeerException(PeerException.Kind.STATUS, what));
  }

  /**
   * Sends the request and reads the answer before the deadline. The request's own timeout is an
   * idle timeout: alone, it would let a peer that dribbles a byte now and then hold the request,
   * and the anti-entropy round waiting for it, open for ever.
   */
  private Future<PeerAnswer> exchange(HttpClientRequest req, String path, Buffer body) {
    Promise<PeerAnswer> done = Promise.promise();
    long deadline = vertx.setTimer(timeout.toMillis(), id -> {
      if (done.tryFail(new TimeoutException("no complete answer from " + base + path + " within "
          + timeout.toMillis() + " ms"))) {
        req.reset();
      }
    });
    (body == null ? req.send() : req.send(body))
        .compose(this::boundedBody)
        .onComplete(ar -> {
          vertx.cancelTimer(deadline);
          if (ar.succeeded()) {
            done.tryComplete(ar.result());
          } else {
            done.tryFail(ar.cause());
          }
        });
    return done.future();
  }

  private Future<PeerAnswer> boundedBody(HttpClientResponse response) {
    String length = response.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          response.request().reset();
          return Future.failedFuture(new PeerException(PeerException.Kind.OVERSIZE, "response of " + length
              + " bytes from " + base + " exceeds the limit of " + maxBodyBytes));
        }
      } catch (NumberFormatException e) {
        response.request().reset();
        return Future.failedFuture(new PeerException(PeerException.Kind.PROTOCOL, "invalid Content-Length "
            + length + " from " + base));
      }
    }
    Promise<PeerAnswer> done = Promise.promise();
    Buffer acc = Buffer.buffer();
    response.handler(chunk -> {
      if (acc.length() + chunk.length() > maxBodyBytes) {
        response.request().reset();
        done.tryFail(new PeerException(PeerException.Kind.OVERSIZE, "response from " + base
            + " exceeds the limit of " + maxBodyBytes + " bytes"));
      } else {
        acc.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> done.tryComplete(new PeerAnswer(base, response.statusCode(),
        response.getHeader("Content-Type"), response.getHeader("Retry-After"), acc)));
    return done.future();
  }

  /**
   * A 429's or 507's Retry-After in milliseconds: delta-seconds from 0 to 60 (a peer cannot silence us for
   * longer), 1 s when absent or not a number (an HTTP date included: peers send seconds).
   */
  static long retryAfterMillis(String header) {
    if (header != null) {
      try {
        return Math.min(60, Math.max(0, Long.parseLong(header.trim()))) * 1000;
      } catch (NumberFormatException e) {
        // fall through to the default
      }
    }
    return 1000;
  }

  /** Closes the connections. */
  public Future<Void> close() {
    return http.close();
  }
}
