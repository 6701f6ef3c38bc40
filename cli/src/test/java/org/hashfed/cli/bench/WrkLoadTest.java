package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkLoadTest {

  // wrk 4.1.0's report with --latency, shortened
  private static final String REPORT = String.join("\n",
      "Running 10s test @ http://127.0.0.1:40123/",
      "  1 threads and 16 connections",
      "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
      "    Latency     1.39ms    2.10ms  45.67ms   95.12%",
      "    Req/Sec    14.38k     1.02k   15.90k    80.00%",
      "  Latency Distribution",
      "     50%  765.00us",
      "     75%    1.20ms",
      "     90%    2.50ms",
      "     99%    8.89ms",
      "  143770 requests in 10.00s, 38.12MB read",
      "  Socket errors: connect 0, read 2, write 0, timeout 1",
      "  Non-2xx or 3xx responses: 4",
      "Requests/sec:  14377.00",
      "Transfer/sec:      3.81MB",
      "");

  @Test
  void parse_readsCountsLatenciesAndErrors() throws IOException {
    WrkLoad.Result r = WrkLoad.parse(REPORT);
    assertEquals(143_770, r.requests());
    assertEquals(7, r.errors());
    assertEquals(10.0, r.seconds(), 1e-9);
    assertEquals(14_377.0, r.requestsPerSecond(), 1e-6);
    assertEquals(765_000, r.p50Nanos());
    assertEquals(8_890_000, r.p99Nanos());
    assertEquals(1_390_000, r.meanNanos());
  }

  @Test
  void parse_ofSomethingElse_throwsQuotingIt() {
    IOException e = assertThrows(IOException.class, () -> WrkLoad.parse("unable to connect to 127.0.0.1:1"));
    assertTrue(e.getMessage().contains("unable to connect"), e.getMessage());
  }
}
