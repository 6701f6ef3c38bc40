package org.hashfed.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

  @Test
  void scrape_writesCounterWithEscapedLabels() {
    Metrics m = new Metrics();
    Counter c = m.counter("hashfed_requests_total", "Requests.", "route", "status");
    c.inc("/v1/match", "200");
    c.inc("/v1/match", "200");
    c.inc("a\"b\\c", "400");
    assertEquals(String.join("\n",
        "# HELP hashfed_requests_total Requests.",
        "# TYPE hashfed_requests_total counter",
        "hashfed_requests_total{route=\"/v1/match\",status=\"200\"} 2",
        "hashfed_requests_total{route=\"a\\\"b\\\\c\",status=\"400\"} 1",
        ""), m.scrape());
  }

  @Test
  void scrape_writesCumulativeHistogramBuckets() {
    Metrics m = new Metrics();
    Histogram h = m.histogram("lat_seconds", "Latency.", new double[] {0.1, 1}, "route");
    h.observe(0.05, "r");
    h.observe(0.5, "r");
    h.observe(3, "r");
    assertEquals(String.join("\n",
        "# HELP lat_seconds Latency.",
        "# TYPE lat_seconds histogram",
        "lat_seconds_bucket{route=\"r\",le=\"0.1\"} 1",
        "lat_seconds_bucket{route=\"r\",le=\"1\"} 2",
        "lat_seconds_bucket{route=\"r\",le=\"+Inf\"} 3",
        "lat_seconds_sum{route=\"r\"} 3.55",
        "lat_seconds_count{route=\"r\"} 3",
        ""), m.scrape());
    assertEquals(3, h.count("r"));
  }

  @Test
  void scrape_readsGaugesAtScrapeTime() {
    Metrics m = new Metrics();
    int[] size = {1};
    m.gauge("index_size", "Size.", () -> size[0]);
    m.gauge("entries", "Entries.", "member", () -> Map.of("acme", 4));
    size[0] = 7;
    String text = m.scrape();
    assertTrue(text.contains("\nindex_size 7\n"), text);
    assertTrue(text.contains("\nentries{member=\"acme\"} 4\n"), text);
  }

  @Test
  void inc_withWrongLabelCount_throws() {
    Counter c = new Metrics().counter("c_total", "C.", "a", "b");
    assertThrows(IllegalArgumentException.class, () -> c.inc("x"));
  }

  @Test
  void functionCounter_isTypedCounterAndReadAtScrapeTime() {
    Metrics m = new Metrics();
    long[] sent = {3};
    m.functionCounter("entries_sent_total", "Sent.", "peer", () -> Map.of("beta", sent[0]));
    m.functionCounter("connections_accepted_total", "Accepted.", () -> 2);
    sent[0] = 5;
    String text = m.scrape();
    assertTrue(text.contains("# TYPE entries_sent_total counter\nentries_sent_total{peer=\"beta\"} 5\n"), text);
    assertTrue(text.contains("# TYPE connections_accepted_total counter\nconnections_accepted_total 2\n"), text);
  }

  @Test
  void registration_refusesNamesAgainstThePrometheusConventions() {
    Metrics m = new Metrics();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.counter("requests", "R."));
    assertTrue(e.getMessage().contains("counter name requests (expected: a name ending in _total)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.functionCounter("sent", "S.", () -> 1));
    assertThrows(IllegalArgumentException.class, () -> m.gauge("open_total", "O.", () -> 1));
    assertThrows(IllegalArgumentException.class, () -> m.gauge("level_total", "L.", "member", Map::of));
  }

  @Test
  void nodeMetrics_followTheConventions(@TempDir Path dir) throws Exception {
    // Every family a running node serves: counters end in _total, Unix times in _timestamp_seconds.
    String text;
    try (Node node = Node.start(NodeConfig.builder().member("acme").dataDir(dir).port(0).peerPort(0).build())) {
      node.awaitReady(Duration.ofSeconds(30));
      text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
    assertTrue(text.contains("# TYPE hashfed_peer_connections_accepted_total counter"), text);
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertEquals(parts[3].equals("counter"), parts[2].endsWith("_total"), line);
      }
      if (line.startsWith("# HELP ") && line.contains("Unix time")) {
        assertTrue(line.split(" ")[2].endsWith("_timestamp_seconds"), line);
      }
    }
  }
}
