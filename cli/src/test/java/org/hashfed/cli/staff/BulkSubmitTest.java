package org.hashfed.cli.staff;

import static org.hashfed.cli.staff.StaffFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed submit --bulk} against a real node: validation before sending, and resuming after the node died. */
class BulkSubmitTest {

  private static final String LABEL = "behavior:glorification";

  @TempDir Path dir;
  Path data;
  Node node;
  Path key;

  @BeforeEach
  void start() throws Exception {
    StaffFixture.useConfigDir(dir.resolve("config"));
    data = Files.createDirectories(dir.resolve("node"));
    node = StaffFixture.startNode(data, "acme");
    key = StaffFixture.keyFile(node, data, "submit", dir.resolve("submit.key"));
  }

  @AfterEach
  void stop() {
    StaffFixture.clearConfigDir();
    node.stop();
  }

  private String[] bulk(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("submit", "--bulk", file.toString(), "--node", StaffFixture.url(node),
        "--api-key-file", key.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private long entries() {
    return node.ledger().orElseThrow().entriesByMember().getOrDefault("acme", 0L);
  }

  @Test
  void csvWithBadLines_reportsEveryBadLineWithItsNumber_andSendsNothing() throws Exception {
    Path csv = dir.resolve("hashes.csv");
    Files.writeString(csv, String.join("\n",
        "type,value,labels,incident,note",
        "md5,00112233445566778899aabbccddeeff,behavior:glorification,inc-1,\"first, with comma\"",
        "md5,abc,behavior:glorification,,",
        "# a comment",
        "sha256," + "ab".repeat(32) + ",Bad Label,,",
        "",
        "crc32,12345678,,,",
        "pdq," + "cd".repeat(32) + ",behavior:glorification;content:perpetrator-produced,,,90") + "\n");
    CliRun r = run(bulk(csv));
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains(csv + ":3: invalid md5 value \"abc\""), r.err());
    assertTrue(r.err().contains(csv + ":5: invalid label \"Bad Label\""), r.err());
    assertTrue(r.err().contains(csv + ":7: "), r.err());
    assertFalse(r.err().contains(csv + ":2:") || r.err().contains(csv + ":8:"), r.err());
    assertTrue(r.err().contains("3 bad line(s)") && r.err().contains("nothing was sent"), r.err());
    assertEquals(0, entries());
    assertFalse(Files.exists(dir.resolve("hashes.csv.hashfed-progress")));
  }

  @Test
  void threatexchangeAndNdjson_areSubmittedWithOptionLabels() throws Exception {
    Path te = dir.resolve("export.te");
    Files.writeString(te, "pdq " + "f8".repeat(32) + "\nmd5 " + "01".repeat(16) + "\n");
    CliRun refused = run(bulk(te));
    assertEquals(ExitCodes.USAGE, refused.status(), refused.toString());
    assertTrue(refused.err().contains(te + ":1: pdq " + "f8".repeat(32) + " has no quality"), refused.err());
    assertTrue(refused.err().contains(te + ":2: no labels"), refused.err());
    assertEquals(0, entries());

    CliRun r = run(bulk(te, "--label", LABEL, "--pdq-quality", "80", "--json"));
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertEquals(2, r.json().path("submitted").asInt());
    assertEquals(2, entries());

    Path nd = dir.resolve("more.ndjson");
    Files.writeString(nd, "{\"signal\": {\"type\": \"sha256\", \"value\": \"" + "ef".repeat(32) + "\"}, "
        + "\"labels\": [\"content:perpetrator-produced\"], \"incident\": \"inc-9\"}\n"
        + "{\"signal\": {\"type\": \"pdq\", \"value\": \"" + "aa".repeat(32) + "\", \"quality\": 20}}\n");
    CliRun weak = run(bulk(nd, "--label", LABEL));
    assertEquals(ExitCodes.USAGE, weak.status(), weak.toString());
    assertTrue(weak.err().contains(nd + ":2: pdq quality 20 is below 50"), weak.err());
    assertEquals(2, entries());
  }

  @Test
  void interruptedByNodeStopping_resumesWithoutResubmittingAcknowledgedLines() throws Exception {
    int total = 300;
    Path te = dir.resolve("big.te");
    StringBuilder b = new StringBuilder("# python-threatexchange export\n");
    for (int i = 0; i < total; i++) {
      b.append("md5 ").append(String.format("%032x", 0xfeed0000L + i)).append('\n');
    }
    Files.writeString(te, b.toString());
    Path progress = dir.resolve("big.te.hashfed-progress");

    CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> run(bulk(te, "--label", LABEL)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (recorded(progress) < 10 && !first.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    node.stop();
    CliRun interrupted = first.get(30, TimeUnit.SECONDS);
    assertEquals(ExitCodes.SERVER, interrupted.status(), interrupted.toString());
    assertTrue(interrupted.err().contains("Run the same command again to resume"), interrupted.err());
    int done = recorded(progress);
    assertTrue(done >= 10 && done < total, done + " lines recorded");

    node = StaffFixture.startNode(data, "acme");
    long before = entries();
    CliRun resumed = run(bulk(te, "--label", LABEL));
    assertEquals(ExitCodes.OK, resumed.status(), resumed.toString());
    assertTrue(resumed.out().contains("submitted " + (total - done) + " line(s)"), resumed.out());
    assertTrue(resumed.err().contains("resuming: " + done + " line(s)"), resumed.err());
    assertEquals(total, recorded(progress));
    // A request the node committed just as it stopped may have lost its answer: at most one line twice.
    assertTrue(before >= done && before <= done + 1, before + " entries for " + done + " recorded lines");
    assertEquals(before + total - done, entries());

    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(progress)) {
      if (!line.startsWith("#")) {
        ids.add(line.split(" ")[2]);
      }
    }
    assertEquals(total, ids.size());

    CliRun third = run(bulk(te, "--label", LABEL));
    assertEquals(ExitCodes.OK, third.status(), third.toString());
    assertTrue(third.out().contains("submitted 0 line(s)"), third.out());
    assertEquals(before + total - done, entries());

    List<String> lines = new ArrayList<>(Files.readAllLines(te));
    lines.set(1, "md5 " + "77".repeat(16));
    Files.write(te, lines);
    CliRun edited = run(bulk(te, "--label", LABEL));
    assertEquals(ExitCodes.USAGE, edited.status(), edited.toString());
    assertTrue(edited.err().contains("line 2 changed since an earlier run submitted it"), edited.err());
  }

  private static int recorded(Path progress) throws Exception {
    if (!Files.exists(progress)) {
      return 0;
    }
    int n = 0;
    for (String line : Files.readAllLines(progress)) {
      if (!line.startsWith("#") && line.split(" ").length == 3) {
        n++;
      }
    }
    return n;
  }
}
