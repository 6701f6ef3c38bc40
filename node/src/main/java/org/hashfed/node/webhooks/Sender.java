package org.hashfed.node.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one delivery and reports its {@link Outcome}; never fails. The whole exchange has a
 * deadline (the client's own timeout is only an idle timeout), and the answer's body is not kept.
 */
final class Sender {

  private final Vertx vertx;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  Sender(Vertx vertx, Duration timeout, Clock clock) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.clock = clock;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4));
  }

  /** Sends; the outcome completes on the caller's context (the client may answer on another event loop). */
  Future<Outcome> send(String url, Map<String, String> headers, Buffer body) {
    io.vertx.core.Context caller = vertx.getOrCreateContext();
    Promise<Outcome> result = Promise.promise();
    sendHere(url, headers, body).onComplete(ar -> caller.runOnContext(v -> result.handle(ar)));
    return result.future();
  }

  private Future<Outcome> sendHere(String url, Map<String, String> headers, Buffer body) {
    long started = System.nanoTime();
    Promise<Outcome> done = Promise.promise();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("Content-Type", "application/json");
    headers.forEach(options::putHeader);
    long deadline = vertx.setTimer(timeout.toMillis(), id -> done.tryComplete(new Outcome(Optional.empty(),
        Optional.of("no answer within " + timeout.toMillis() + " ms"), Optional.empty(), millis(started))));
    http.request(options)
        .compose(req -> {
          done.future().onComplete(r -> {
            if (!req.response().isComplete()) {
              req.reset();
            }
          });
          return req.send(body);
        })
        .compose(this::drain)
        .onComplete(ar -> {
          vertx.cancelTimer(deadline);
          done.tryComplete(ar.succeeded()
              ? new Outcome(Optional.of(ar.result().statusCode()), Optional.empty(), retryAfter(ar.result()),
                  millis(started))
              : new Outcome(Optional.empty(), Optional.of(String.valueOf(ar.cause().getMessage())), Optional.empty(),
                  millis(started)));
        });
    return done.future();
  }

  private Future<HttpClientResponse> drain(HttpClientResponse response) {
    Promise<HttpClientResponse> p = Promise.promise();
    response.handler(chunk -> { });
    response.exceptionHandler(p::tryFail);
    response.endHandler(v -> p.tryComplete(response));
    return p.future();
  }

  private Optional<Duration> retryAfter(HttpClientResponse response) {
    String v = response.getHeader("Retry-After");
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(clock.instant(), at).isNegative() ? Duration.ZERO
            : Duration.between(clock.instant(), at));
      } catch (DateTimeParseException ignored) {
        return Optional.empty();
      }
    }
  }

  private static long millis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  Future<Void> close() {
    return http.close();
  }
}
