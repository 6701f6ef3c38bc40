package org.hashfed.cli.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;

/**
 * Calls a third-party exchange within bounds: every answer is read up to a size limit; a 429 is
 * retried after its {@code Retry-After}, a 5xx or a network failure after a doubling back-off, at
 * most {@code maxRetries} times and never waiting more than {@code maxWait} in all. Messages name
 * the URL without its query, which may hold an access token.
 */
final class SourceHttp {

  /** An answer that was read whole: its status and body. */
  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String sourceName;
  private final HttpClient http;
  private final long maxBytes;
  private final int maxRetries;
  private final Duration maxWait;
  private Duration waited = Duration.ZERO;

  SourceHttp(String sourceName, long maxBytes, int maxRetries, Duration maxWait) {
    this.sourceName = sourceName;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.maxBytes = maxBytes;
    this.maxRetries = maxRetries;
    this.maxWait = maxWait;
  }

  /** Sends the request, retrying as the class says; any answer other than 429 and 5xx is returned to the caller. */
  Answer send(HttpRequest.Builder request, URI uri) throws CommandError {
    String where = sourceName + " at " + withoutQuery(uri);
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 0; ; attempt++) {
      String failure;
      Duration wait = backoff;
      try {
        HttpResponse<InputStream> response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        byte[] body = readBounded(response.body(), where);
        if (status != 429 && status < 500) {
          return new Answer(status, body);
        }
        failure = "answered " + status;
        if (status == 429) {
          Optional<Duration> after = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
          if (after.isPresent()) {
            wait = after.get();
          }
        }
      } catch (IOException e) {
        failure = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CommandError.of(ExitCodes.SERVER, "interrupted while waiting for " + where);
      }
      if (attempt >= maxRetries) {
        throw CommandError.of(ExitCodes.SERVER, where + " " + failure + " (" + (attempt + 1) + " attempt(s), the "
            + "--max-retries limit): try again later");
      }
      if (waited.plus(wait).compareTo(maxWait) > 0) {
        throw CommandError.of(ExitCodes.SERVER, where + " " + failure + " and asks to wait " + wait.toSeconds()
            + " s, beyond the --max-retry-seconds budget of " + maxWait.toSeconds() + " s: try again later");
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CommandError.of(ExitCodes.SERVER, "interrupted while waiting to retry " + where);
      }
      waited = waited.plus(wait);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private byte[] readBounded(InputStream in, String where) throws IOException, CommandError {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw CommandError.of(ExitCodes.SERVER, where + " sent an answer over the limit of " + maxBytes
            + " bytes (--max-response-bytes): nothing of it was imported");
      }
      return bytes;
    }
  }

  /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The URL as it may be shown: without its query, which may carry a token. */
  static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
