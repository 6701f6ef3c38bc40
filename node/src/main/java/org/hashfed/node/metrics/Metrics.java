package org.hashfed.node.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A small registry of counters, histograms and gauges, exposed in the Prometheus text format
 * (version 0.0.4). Recording is lock-free; only {@link #scrape()} walks the families. Names follow
 * the Prometheus conventions, which registration enforces where it can: counters end in
 * {@code _total}, Unix times in {@code _timestamp_seconds}, and a unit, when there is one, is in
 * the name in its base unit ({@code _seconds}, {@code _bytes}).
 *
 * <p>Hand-written rather than Micrometer's Prometheus registry through {@code vertx-micrometer-metrics}:
 * that module (5.0.7 matches our Vert.x) brings Micrometer, the Prometheus client and their
 * dependencies for event-loop and worker-pool gauges the node does not alert on yet, and every
 * family here would have to move with it; the families the node needs fit in these few classes.
 */
public final class Metrics {

  /** Latency buckets in seconds, from 100 µs (an in-memory match) to 5 s. */
  public static final double[] LATENCY_BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  interface Family {
    void writeTo(StringBuilder out);
  }

  private final List<Family> families = new ArrayList<>();

  /**
   * Registers a counter family with the given label names.
   *
   * @throws IllegalArgumentException when the name does not end in {@code _total}
   */
  public synchronized Counter counter(String name, String help, String... labelNames) {
    Counter c = new Counter(counterName(name), help, labelNames);
    families.add(c);
    return c;
  }

  /** Registers a histogram family with the given upper bounds (ascending) and label names. */
  public synchronized Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
    Histogram h = new Histogram(name, help, buckets, labelNames);
    families.add(h);
    return h;
  }

  /**
   * Registers an unlabelled gauge read at scrape time.
   *
   * @throws IllegalArgumentException when the name ends in {@code _total}, the suffix of counters
   */
  public synchronized void gauge(String name, String help, DoubleSupplier value) {
    supplied(gaugeName(name), help, "gauge", value);
  }

  /**
   * Registers a gauge with one label, whose values per label value are read at scrape time.
   *
   * @throws IllegalArgumentException when the name ends in {@code _total}, the suffix of counters
   */
  public synchronized void gauge(String name, String help, String labelName,
      Supplier<Map<String, ? extends Number>> values) {
    supplied(gaugeName(name), help, "gauge", labelName, values);
  }

  /**
   * Registers an unlabelled counter whose value, kept by its owner and never decreasing, is read
   * at scrape time.
   *
   * @throws IllegalArgumentException when the name does not end in {@code _total}
   */
  public synchronized void functionCounter(String name, String help, DoubleSupplier value) {
    supplied(counterName(name), help, "counter", value);
  }

  /**
   * Registers a counter with one label whose values per label value, kept by their owner and
   * never decreasing, are read at scrape time.
   *
   * @throws IllegalArgumentException when the name does not end in {@code _total}
   */
  public synchronized void functionCounter(String name, String help, String labelName,
      Supplier<Map<String, ? extends Number>> values) {
    supplied(counterName(name), help, "counter", labelName, values);
  }

  private void supplied(String name, String help, String type, DoubleSupplier value) {
    families.add(out -> {
      header(out, name, help, type);
      out.append(name).append(' ').append(format(value.getAsDouble())).append('\n');
    });
  }

  private void supplied(String name, String help, String type, String labelName,
      Supplier<Map<String, ? extends Number>> values) {
    families.add(out -> {
      header(out, name, help, type);
      values.get().forEach((labelValue, v) -> out.append(name).append('{').append(labelName).append("=\"")
          .append(escape(labelValue)).append("\"} ").append(format(v.doubleValue())).append('\n'));
    });
  }

  // Prometheus naming: a counter's name ends in _total and nothing else's does, so a query or a
  // dashboard can tell from the name alone whether rate() applies.
  private static String counterName(String name) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter name " + name + " (expected: a name ending in _total)");
    }
    return name;
  }

  private static String gaugeName(String name) {
    if (name.endsWith("_total")) {
      throw new IllegalArgumentException("gauge name " + name + " (expected: no _total suffix, which marks counters)");
    }
    return name;
  }

  /** Every family in the Prometheus text exposition format. */
  public String scrape() {
    List<Family> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(families);
    }
    StringBuilder out = new StringBuilder(4096);
    for (Family f : snapshot) {
      f.writeTo(out);
    }
    return out.toString();
  }

  static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static void labels(StringBuilder out, String[] names, List<String> values, String extraName, String extraValue) {
    if (names.length == 0 && extraName == null) {
      return;
    }
    out.append('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(names[i]).append("=\"").append(escape(values.get(i))).append('"');
    }
    if (extraName != null) {
      if (names.length > 0) {
        out.append(',');
      }
      out.append(extraName).append("=\"").append(extraValue).append('"');
    }
    out.append('}');
  }

  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String format(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static List<String> checkLabels(String[] names, String[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException(
          values.length + " label values (expected: " + names.length + " for " + String.join(",", names) + ")");
    }
    return List.of(values);
  }
}
