package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A witness reached at its submission prefix URL, over HTTP or HTTPS trusting the JVM's CAs (a
 * public witness is no consortium member, so no roster pins its certificate). Each request has a
 * deadline and the answer a size bound, so a slow or flooding witness costs at most that.
 */
final class UrlWitnessEndpoint implements WitnessEndpoint {

  /** A cosignature answer is a few lines; anything much longer is not a witness speaking. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final URI prefix;
  private final Duration timeout;

  UrlWitnessEndpoint(Vertx vertx, URI prefix, Duration timeout) {
    this.vertx = vertx;
    this.prefix = prefix;
    this.timeout = timeout;
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setSsl("https".equalsIgnoreCase(prefix.getScheme()))
        .setVerifyHost(true)
        .setConnectTimeout((int) timeout.toMillis())
        .setKeepAlive(true));
  }

  @Override
  public String describe() {
    return prefix.toString();
  }

  @Override
  public Future<AddCheckpointAnswer> addCheckpoint(byte[] body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(prefix + "/add-checkpoint").setTimeout(timeout.toMillis())
        .putHeader("Content-Type", "text/plain; charset=utf-8");
    Promise<AddCheckpointAnswer> done = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // The request's own timeout is an idle timeout: a witness dribbling bytes would outlive it.
    long deadline = vertx.setTimer(timeout.toMillis(), id -> {
      if (done.tryFail(new TimeoutException("no complete answer within " + timeout.toMillis() + " ms"))
          && sent.get() != null) {
        sent.get().reset();
      }
    });
    http.request(options)
        .compose(req -> {
          sent.set(req);
          return req.send(Buffer.buffer(body));
        })
        .onSuccess(response -> read(response, done))
        .onFailure(done::tryFail);
    return done.future().onComplete(ar -> vertx.cancelTimer(deadline))
        .recover(e -> Future.failedFuture(new IOException(describe() + ": " + e.getMessage(), e)));
  }

  private static void read(HttpClientResponse response, Promise<AddCheckpointAnswer> done) {
    Buffer acc = Buffer.buffer();
    response.handler(chunk -> {
      if (acc.length() + chunk.length() > MAX_ANSWER_BYTES) {
        response.request().reset();
        done.tryFail(new IOException("answer exceeds " + MAX_ANSWER_BYTES + " bytes"));
      } else {
        acc.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> {
      String type = response.getHeader("Content-Type");
      done.tryComplete(new AddCheckpointAnswer(response.statusCode(), type == null ? "" : type,
          acc.toString(StandardCharsets.UTF_8)));
    });
  }

  @Override
  public void close() {
    http.close();
  }
}
