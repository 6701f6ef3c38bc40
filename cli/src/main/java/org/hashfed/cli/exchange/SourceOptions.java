package org.hashfed.cli.exchange;

import java.time.Duration;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Option;

/** The bounds of an import from a remote exchange: pages, retries, waiting and answer sizes. */
final class SourceOptions {

  @Option(names = "--max-pages", paramLabel = "N", description = "Stop after N pages; run again to continue "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "10000")
  int maxPages;

  @Option(names = "--page-size", paramLabel = "N", description = "Records asked for per page, 1 to 1000 "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "500")
  int pageSize;

  @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a request answered 429 or 5xx or "
      + "failing on the network, 0 to 20 (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int maxRetries;

  @Option(names = "--max-retry-seconds", paramLabel = "S", description = "Most seconds spent waiting to retry in "
      + "the whole run, Retry-After included (default: ${DEFAULT-VALUE}).", defaultValue = "600")
  long maxRetrySeconds;

  @Option(names = "--max-response-bytes", paramLabel = "N", description = "Largest answer read from the exchange "
      + "(default: ${DEFAULT-VALUE}, 32 MiB).", defaultValue = "33554432")
  long maxResponseBytes;

  /** An HTTP client for {@code sourceName} within these bounds, after checking them. */
  SourceHttp http(String sourceName) throws CommandError {
    check(maxPages >= 1, "--max-pages " + maxPages + ": expected 1 or more");
    check(pageSize >= 1 && pageSize <= 1000, "--page-size " + pageSize + ": expected 1 to 1000");
    check(maxRetries >= 0 && maxRetries <= 20, "--max-retries " + maxRetries + ": expected 0 to 20");
    check(maxRetrySeconds >= 0 && maxRetrySeconds <= 86_400, "--max-retry-seconds " + maxRetrySeconds
        + ": expected 0 to 86400");
    check(maxResponseBytes >= 1024 && maxResponseBytes <= 1L << 30, "--max-response-bytes " + maxResponseBytes
        + ": expected 1024 to 1073741824");
    return new SourceHttp(sourceName, maxResponseBytes, maxRetries, Duration.ofSeconds(maxRetrySeconds));
  }

  private static void check(boolean ok, String message) throws CommandError {
    if (!ok) {
      throw CommandError.of(ExitCodes.USAGE, "invalid " + message);
    }
  }
}
