package org.hashfed.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A distribution of observations (latencies in seconds) per label set, in cumulative buckets. */
public final class Histogram implements Metrics.Family {

  private final String name;
  private final String help;
  private final double[] bounds;
  private final String[] labelNames;
  private final Map<List<String>, Child> children = new ConcurrentHashMap<>();

  private final class Child {
    final LongAdder[] counts = new LongAdder[bounds.length + 1];
    final DoubleAdder sum = new DoubleAdder();

    Child() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }
  }

  Histogram(String name, String help, double[] bounds, String[] labelNames) {
    for (int i = 1; i < bounds.length; i++) {
      if (bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("histogram " + name + " buckets must ascend (expected: strictly ascending)");
      }
    }
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.labelNames = labelNames.clone();
  }

  /** Records one observation for the given label values. */
  public void observe(double value, String... labelValues) {
    Child c = children.computeIfAbsent(Metrics.checkLabels(labelNames, labelValues), k -> new Child());
    int i = 0;
    while (i < bounds.length && value > bounds[i]) {
      i++;
    }
    c.counts[i].increment();
    c.sum.add(value);
  }

  /** Number of observations for the given label values. */
  public long count(String... labelValues) {
    Child c = children.get(Metrics.checkLabels(labelNames, labelValues));
    long n = 0;
    if (c != null) {
      for (LongAdder a : c.counts) {
        n += a.sum();
      }
    }
    return n;
  }

  @Override
  public void writeTo(StringBuilder out) {
    Metrics.header(out, name, help, "histogram");
    children.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
        .forEach(e -> {
          List<String> lv = e.getKey();
          Child c = e.getValue();
          long cumulative = 0;
          for (int i = 0; i <= bounds.length; i++) {
            cumulative += c.counts[i].sum();
            out.append(name).append("_bucket");
            String le = i < bounds.length ? Metrics.format(bounds[i]) : "+Inf";
            Metrics.labels(out, labelNames, lv, "le", le);
            out.append(' ').append(cumulative).append('\n');
          }
          out.append(name).append("_sum");
          Metrics.labels(out, labelNames, lv, null, null);
          out.append(' ').append(Metrics.format(c.sum.sum())).append('\n');
          out.append(name).append("_count");
          Metrics.labels(out, labelNames, lv, null, null);
          out.append(' ').append(cumulative).append('\n');
        });
  }
}
