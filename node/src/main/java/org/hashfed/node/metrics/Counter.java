package org.hashfed.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per label set. */
public final class Counter implements Metrics.Family {

  private final String name;
  private final String help;
  private final String[] labelNames;
  private final Map<List<String>, LongAdder> children = new ConcurrentHashMap<>();

  Counter(String name, String help, String[] labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames.clone();
  }

  /** Adds one to the count of the given label values. */
  public void inc(String... labelValues) {
    children.computeIfAbsent(Metrics.checkLabels(labelNames, labelValues), k -> new LongAdder()).increment();
  }

  /** The current count of the given label values. */
  public long get(String... labelValues) {
    LongAdder a = children.get(Metrics.checkLabels(labelNames, labelValues));
    return a == null ? 0 : a.sum();
  }

  @Override
  public void writeTo(StringBuilder out) {
    Metrics.header(out, name, help, "counter");
    children.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
        .forEach(e -> {
          out.append(name);
          Metrics.labels(out, labelNames, e.getKey(), null, null);
          out.append(' ').append(e.getValue().sum()).append('\n');
        });
  }
}
