package org.hashfed.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
    Counter c = new Metrics().counter("c", "C.", "a", "b");
    assertThrows(IllegalArgumentException.class, () -> c.inc("x"));
  }
}
