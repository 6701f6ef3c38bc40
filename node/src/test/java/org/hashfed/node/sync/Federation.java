package org.hashfed.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.hashfed.node.Await;
import io.vertx.core.http.HttpMethod;
import org.hashfed.node.Node;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/** Helpers shared by the federation tests: fast sync options, submissions and polling with deadlines. */
final class Federation {

  private Federation() {}

  /**
   * Frequent anti-entropy; the peer timeout of production (5 s), which a request between honest
   * nodes on a loaded machine stays within, and which a misbehaving peer's delays are scaled to.
   */
  static NodeConfig.Builder fast(NodeConfig.Builder b) {
    return b.workerThreads(2).sync(b.build().sync().withAntiEntropy(Duration.ofMillis(200))
        .withTimeout(Duration.ofSeconds(5)));
  }

  static Signal randomMd5() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return Signal.parse("md5", HexFormat.of().formatHex(b));
  }

  static Submit submission(Signal s) {
    return Submit.of(s, List.of(Label.parse("behavior:glorification")));
  }

  static Appended submit(Node n, Signal s) {
    return n.ledger().orElseThrow().submit(submission(s));
  }

  static boolean matchable(Node n, Signal s) {
    return !n.ledger().orElseThrow().catalog().match(s, 0, Instant.now()).isEmpty();
  }

  static Map<String, Long> heads(Node n) {
    return new TreeMap<>(n.ledger().orElseThrow().entriesByMember());
  }

  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    Await.until(timeout, condition, state);
  }

  /** The value of one series in a node's {@code /metrics}, read over its platform API. */
  static double metric(TestClient api, Node n, String series) {
    String text = api.send(n.port(), HttpMethod.GET, "/metrics", null, null, null).bodyAsString();
    return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no " + series + " in the metrics of " + n.config().member()));
  }

  static void awaitMatchableEverywhere(LocalConsortium c, List<String> members, Signal s, Duration timeout) {
    await(timeout, () -> members.stream().allMatch(m -> matchable(c.node(m), s)),
        () -> s + " matchable at " + members.stream().filter(m -> matchable(c.node(m), s)).toList() + " of " + members);
  }
}
