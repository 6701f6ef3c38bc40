package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.awaitMatchableEverywhere;
import static org.hashfed.node.sync.Federation.heads;
import static org.hashfed.node.sync.Federation.matchable;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Five real nodes in one JVM, real mutual TLS on loopback: propagation, partition healing, restart catch-up. */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationTest {

  private static final List<String> ALL = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private LocalConsortium c;

  @BeforeAll
  void start(@TempDir Path root) {
    c = LocalConsortium.prepare(root, ALL, Federation::fast).startAll();
  }

  @AfterAll
  void stop() {
    c.close();
  }

  @Test
  @Order(1)
  void submissionAtOneNode_isMatchableAtAllFourOthers() {
    Signal s = randomMd5();
    submit(c.node("node-c"), s);
    awaitMatchableEverywhere(c, ALL, s, WITHIN);
  }

  @Test
  @Order(2)
  void partition_thenHeal_allNodesEndWithIdenticalHeadsAndMatches() {
    List<String> left = List.of("node-a", "node-b");
    List<String> right = List.of("node-c", "node-d", "node-e");
    cut(left, right, true);
    List<Signal> leftSignals = new ArrayList<>();
    List<Signal> rightSignals = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Signal l = randomMd5();
      submit(c.node(left.get(i % 2)), l);
      leftSignals.add(l);
      Signal r = randomMd5();
      submit(c.node(right.get(i % 3)), r);
      rightSignals.add(r);
    }
    leftSignals.forEach(s -> awaitMatchableEverywhere(c, left, s, WITHIN));
    rightSignals.forEach(s -> awaitMatchableEverywhere(c, right, s, WITHIN));
    for (String m : right) {
      assertFalse(leftSignals.stream().anyMatch(s -> matchable(c.node(m), s)), m + " saw across the partition");
    }
    cut(left, right, false);
    await(WITHIN, () -> ALL.stream().map(m -> heads(c.node(m))).distinct().count() == 1,
        () -> "heads " + ALL.stream().map(m -> m + "=" + heads(c.node(m))).toList());
    for (Signal s : concat(leftSignals, rightSignals)) {
      for (String m : ALL) {
        assertTrue(matchable(c.node(m), s), s + " not matchable at " + m);
      }
    }
  }

  @Test
  @Order(3)
  void stoppedNode_catchesUpCompletelyAfterRestart() {
    c.stop("node-e");
    List<Signal> missed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Signal s = randomMd5();
      submit(c.node(ALL.get(i % 4)), s);
      missed.add(s);
    }
    List<String> up = ALL.subList(0, 4);
    missed.forEach(s -> awaitMatchableEverywhere(c, up, s, WITHIN));
    Map<String, Long> expected = heads(c.node("node-a"));
    c.start("node-e");
    await(WITHIN, () -> heads(c.node("node-e")).equals(expected),
        () -> "node-e heads " + heads(c.node("node-e")) + ", expected " + expected);
    missed.forEach(s -> assertTrue(matchable(c.node("node-e"), s), s + " not matchable at the restarted node"));
  }

  @Test
  @Order(4)
  void nodeThatLostItsStore_fetchesItsOwnFeedBack_beforeSigningAgain() throws Exception {
    List<Signal> before = submitEverywhere("node-b", 3);
    long head = ownHead("node-b");

    c.stop("node-b");
    deleteTree(c.config("node-b").dataDir().resolve("store"));
    c.start("node-b");

    // The node signs nothing until a peer has shown it its own feed: the new entry follows the old head.
    Signal after = randomMd5();
    assertEquals(head + 1, submit(c.node("node-b"), after).seq());
    before.forEach(s -> assertTrue(matchable(c.node("node-b"), s), s + " not recovered at node-b"));
    awaitMatchableEverywhere(c, ALL, after, WITHIN);
    for (String m : ALL) {
      assertFalse(c.node(m).sync().isHeld(MemberId.parse("node-b")), m + " holds node-b: its feed forked");
      assertEquals(head + 1, c.node(m).ledger().orElseThrow().feed(MemberId.parse("node-b")).lastSeq(), m);
    }
  }

  @Test
  @Order(5)
  void nodeRestoredFromAnOlderBackup_fetchesWhatItSignedSince_beforeSigningAgain() throws Exception {
    Signal first = randomMd5();
    submit(c.node("node-c"), first);
    awaitMatchableEverywhere(c, ALL, first, WITHIN);
    c.stop("node-c");
    Path store = c.config("node-c").dataDir().resolve("store");
    Path backup = c.config("node-c").dataDir().resolveSibling("node-c-backup");
    copyTree(store, backup);
    c.start("node-c");
    List<Signal> since = submitEverywhere("node-c", 3);
    long head = ownHead("node-c");

    c.stop("node-c");
    deleteTree(store);
    copyTree(backup, store);
    c.start("node-c");

    Signal after = randomMd5();
    assertEquals(head + 1, submit(c.node("node-c"), after).seq(), "the restored node signed over entries it had lost");
    since.forEach(s -> assertTrue(matchable(c.node("node-c"), s), s + " not recovered at node-c"));
    awaitMatchableEverywhere(c, ALL, after, WITHIN);
    for (String m : ALL) {
      assertFalse(c.node(m).sync().isHeld(MemberId.parse("node-c")), m + " holds node-c: its feed forked");
      assertEquals(head + 1, c.node(m).ledger().orElseThrow().feed(MemberId.parse("node-c")).lastSeq(), m);
    }
  }

  /** Submits {@code n} signals at {@code member}'s node and waits until every node matches them. */
  private List<Signal> submitEverywhere(String member, int n) {
    List<Signal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Signal s = randomMd5();
      submit(c.node(member), s);
      out.add(s);
    }
    out.forEach(s -> awaitMatchableEverywhere(c, ALL, s, WITHIN));
    return out;
  }

  /** The highest seq of the member's own feed that its node holds. */
  private long ownHead(String member) {
    return c.node(member).ledger().orElseThrow().feed(MemberId.parse(member)).lastSeq();
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void cut(List<String> left, List<String> right, boolean blocked) {
    for (String l : left) {
      for (String r : right) {
        c.node(l).sync().block(MemberId.parse(r), blocked);
        c.node(r).sync().block(MemberId.parse(l), blocked);
      }
    }
  }

  private static List<Signal> concat(List<Signal> a, List<Signal> b) {
    List<Signal> out = new ArrayList<>(a);
    out.addAll(b);
    assertEquals(a.size() + b.size(), out.size());
    return out;
  }
}
