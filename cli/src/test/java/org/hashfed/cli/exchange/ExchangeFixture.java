package org.hashfed.cli.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hashfed.cli.CliRun;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;

/** Real nodes for the import and export tests, and the CLI run in-process against them. */
final class ExchangeFixture {

  private ExchangeFixture() {}

  static Node startNode(Path dataDir, String member) {
    Node node = Node.start(NodeConfig.builder().dataDir(dataDir).member(member).port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    return node;
  }

  static String url(Node node) {
    return "http://127.0.0.1:" + node.port();
  }

  /** A submit-role API key of {@code node} in {@code file}, made with {@code hashfed keys create}. */
  static Path submitKey(Node node, Path dataDir, Path file) throws IOException {
    CliRun r = CliRun.of("keys", "create", "--role", "submit", "--node", url(node), "--admin-key-file",
        dataDir.resolve("admin.key").toString());
    if (r.status() != 0) {
      throw new AssertionError(r.toString());
    }
    Files.writeString(file, r.out());
    return file;
  }

  /** {@code hashfed args... --node URL --api-key-file KEY}. */
  static CliRun run(Node node, Path key, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", url(node), "--api-key-file", key.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The node's export as sorted pytx lines. */
  static List<String> exported(Node node, Path key) {
    CliRun r = run(node, key, "export", "--format", "pytx");
    if (r.status() != 0) {
      throw new AssertionError(r.toString());
    }
    return r.out().lines().sorted().collect(Collectors.toList());
  }

  /** Entries of every kind the node's own member wrote. */
  static long entries(Node node, String member) {
    return node.ledger().orElseThrow().entriesByMember().getOrDefault(member, 0L);
  }
}
