package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.hashfed.node.Node;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real nodes witness each other's logs over their platform APIs; a node that rewrites its history is caught. */
class WitnessingTest {

  private static final List<String> MEMBERS = List.of("acme", "beta", "gamma");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private final Node[] nodes = new Node[3];

  @AfterEach
  void stop() {
    for (Node n : nodes) {
      if (n != null) {
        n.stop();
      }
    }
  }

  private LocalConsortium consortium;

  private void writeFiles() {
    consortium = LocalConsortium.prepare(dir, MEMBERS, b -> b);
  }

  private Path data(int i) {
    return dir.resolve(MEMBERS.get(i));
  }

  private void start(int i) {
    nodes[i] = Node.start(consortium.config(MEMBERS.get(i)));
    nodes[i].awaitReady(Duration.ofSeconds(20));
  }

  private PeerLog peer(int i) throws Exception {
    return HttpPeerLog.create(HTTP, "http://127.0.0.1:" + nodes[i].port(),
        Files.readString(data(i).resolve("admin.key")).strip());
  }

  private void submit(int i, int from, int n) {
    for (int k = from; k < from + n; k++) {
      nodes[i].ledger().orElseThrow().submit(Submit.of(Signal.parse("md5", String.format("%032x", k + 1)),
          List.of(Label.parse("behavior:glorification"))));
    }
    nodes[i].log().orElseThrow().checkpoints().signLatest();
  }

  private NodeLog log(int i) {
    return nodes[i].log().orElseThrow();
  }

  @Test
  void peersCosignConsistentCheckpoints_andCatchALogThatRewritesHistory() throws Exception {
    writeFiles();
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    submit(0, 0, 3);
    assertEquals(WitnessOutcome.Status.COSIGNED, log(1).witness().witness(peer(0)).status());
    assertEquals(WitnessOutcome.Status.COSIGNED, log(2).witness().witness(peer(0)).status());
    List<CosignatureVerifier> witnesses = List.of(CosignatureVerifier.parse(log(1).witness().witnessKey()),
        CosignatureVerifier.parse(log(2).witness().witnessKey()));
    SignedCheckpoint served = SignedCheckpoint.open(peer(0).checkpoint(),
        log(0).logKey(log(0).checkpoints().origin()).orElseThrow());
    assertEquals(2, served.verifiedCosignatures(witnesses).size(), served.encode());

    submit(0, 3, 2);
    WitnessOutcome grown = log(1).witness().witness(peer(0));
    assertEquals(WitnessOutcome.Status.COSIGNED, grown.status(), grown.message());
    assertTrue(grown.message().contains("size 5"), grown.message());

    // acme loses its store and starts again with the same key: a different history under the same log.
    nodes[0].stop();
    try (Stream<Path> files = Files.walk(data(0).resolve("store"))) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
    Files.delete(data(0).resolve("admin.key"));
    start(0);
    submit(0, 100, 7);

    WitnessOutcome caught = log(1).witness().witness(peer(0));
    assertEquals(WitnessOutcome.Status.SPLIT_VIEW, caught.status(), caught.message());
    List<SplitView> evidence = log(1).witness().splitViews();
    assertEquals(1, evidence.size());
    assertEquals(log(0).checkpoints().origin(), evidence.get(0).origin());
    assertTrue(evidence.get(0).origin().endsWith("/log/acme"), evidence.get(0).origin());
    assertTrue(evidence.get(0).earlier().contains("\n5\n") && evidence.get(0).later().contains("\n7\n"),
        evidence.get(0).toString());
    assertEquals(WitnessOutcome.Status.SPLIT_VIEW, log(2).witness().witness(peer(0)).status());
  }
}
