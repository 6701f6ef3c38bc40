package org.hashfed.cli.staff;

import static org.hashfed.cli.staff.StaffFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff commands end to end against a real node on 127.0.0.1, logged in through a profile. */
class StaffCliTest {

  private static final String LABEL = "behavior:glorification";

  @TempDir static Path dir;
  static Path data;
  static Path config;
  static Node node;
  static Path submitKey;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(System.getenv("HASHFED_NODE") == null && System.getenv("HASHFED_API_KEY") == null
        && System.getenv("HASHFED_PROFILE") == null, "HASHFED_* environment variables would override the test's profile");
    data = Files.createDirectories(dir.resolve("node"));
    config = dir.resolve("config");
    StaffFixture.useConfigDir(config);
    node = StaffFixture.startNode(data, "acme");
    submitKey = StaffFixture.keyFile(node, data, "submit", dir.resolve("submit.key"));
    CliRun login = run("login", "--node", StaffFixture.url(node), "--api-key-file", submitKey.toString());
    assertEquals(ExitCodes.OK, login.status(), login.toString());
  }

  @AfterAll
  static void stop() {
    StaffFixture.clearConfigDir();
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void login_savesOwnerOnlyProfile_andNeverPrintsTheKey() throws Exception {
    String key = Files.readString(submitKey).strip();
    CliRun r = run("login", "--node", StaffFixture.url(node) + "/", "--api-key-file", submitKey.toString(),
        "--profile", "second");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertTrue(r.out().contains("as member acme with a submit key"), r.out());
    assertFalse(r.out().contains(key) || r.err().contains(key), r.toString());
    Path file = config.resolve("config.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    JsonNode saved = StaffFixture.JSON.readTree(file.toFile());
    assertEquals("default", saved.path("default").asText());
    assertEquals(StaffFixture.url(node), saved.path("profiles").path("second").path("node").asText());
    assertEquals(key, saved.path("profiles").path("second").path("api_key").asText());
  }

  @Test
  void login_withRefusedKey_savesNothingAndExits3() throws Exception {
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "hfk_" + "x".repeat(43));
    CliRun r = run("login", "--node", StaffFixture.url(node), "--api-key-file", bad.toString(),
        "--profile", "bad");
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("401") && r.err().contains("hashfed login"), r.err());
    JsonNode saved = StaffFixture.JSON.readTree(config.resolve("config.json").toFile());
    assertTrue(saved.path("profiles").path("bad").isMissingNode());
  }

  @Test
  void match_whenTheNodeCutsAnInputsMatchesAtItsCap_saysSo() throws Exception {
    Path capData = Files.createDirectories(dir.resolve("capped"));
    Node capped = Node.start(NodeConfig.builder().dataDir(capData).member("beta").port(0).peerPort(0)
        .match(MatchLimits.of(1, 10, 100, 2)).build());
    try {
      capped.awaitReady(Duration.ofSeconds(30));
      Path key = StaffFixture.keyFile(capped, capData, "submit", dir.resolve("capped.key"));
      String url = StaffFixture.url(capped);
      String md5 = "md5:" + "c0ffee".repeat(5) + "00";
      for (int i = 0; i < 2; i++) {
        CliRun sub = run("submit", "--node", url, "--api-key-file", key.toString(), "--label", LABEL, "--signal", md5);
        assertEquals(ExitCodes.OK, sub.status(), sub.toString());
      }
      CliRun json = run("match", "--node", url, "--api-key-file", key.toString(), "--signal", md5, "--json");
      assertEquals(ExitCodes.OK, json.status(), json.toString());
      JsonNode result = json.json().path("results").get(0);
      assertEquals(1, result.path("matches").size(), json.out());
      assertTrue(result.path("truncated").asBoolean(), json.out());
      CliRun table = run("match", "--node", url, "--api-key-file", key.toString(), "--signal", md5);
      assertTrue(table.err().contains("only its best matches") && table.err().contains(md5), table.toString());
    } finally {
      capped.stop();
    }
  }

  @Test
  void submitImage_matchResizedCopy_show_retract_thenNoLongerMatches() throws Exception {
    Path image = Files.copy(StaffFixture.image("bridge-mods-square-512x512.jpg"), dir.resolve("bridge.jpg"));
    CliRun sub = run("submit", "--label", LABEL, "--incident", "inc-2026-11", "--note", "test frame",
        image.toString(), "--json");
    assertEquals(ExitCodes.OK, sub.status(), sub.toString());
    JsonNode submitted = sub.json().path("submitted");
    assertEquals(3, submitted.size(), sub.out());
    Map<String, String> ids = new HashMap<>();
    submitted.forEach(s -> ids.put(s.path("signal").path("type").asText(), s.path("entry_id").asText()));
    String pdqId = ids.get("pdq");

    Path copy = StaffFixture.resized(image, dir.resolve("bridge-small.png"), 300, 300);
    CliRun match = run("match", copy.toString(), "--json");
    assertEquals(ExitCodes.OK, match.status(), match.toString());
    JsonNode results = match.json().path("results");
    assertEquals(3, results.size());
    JsonNode pdqResult = results.get(2);
    assertEquals("pdq", pdqResult.path("signal").path("type").asText());
    assertEquals(pdqId, pdqResult.path("matches").get(0).path("entry_id").asText());
    int distance = pdqResult.path("matches").get(0).path("distance").asInt();
    assertTrue(distance > 0 && distance <= 31, "distance " + distance);
    assertEquals(0, results.get(0).path("matches").size(), "the copy's md5 differs");

    CliRun table = run("match", copy.toString());
    assertEquals(ExitCodes.OK, table.status(), table.toString());
    assertTrue(table.out().startsWith("INPUT"), table.out());
    assertTrue(table.out().contains(pdqId) && table.out().contains(LABEL) && table.out().contains(" acme "),
        table.out());
    assertTrue(table.out().contains(" trusted "), "own submissions match with trust trusted: " + table.out());

    CliRun show = run("entry", "show", pdqId);
    assertEquals(ExitCodes.OK, show.status(), show.toString());
    assertTrue(show.out().contains("status       active"), show.out());
    assertTrue(show.out().contains("incident     inc-2026-11"), show.out());
    assertTrue(show.out().contains("labels       " + LABEL), show.out());

    CliRun retract = run("retract", pdqId, "--reason", "false_positive", "--note", "wrong image");
    assertEquals(ExitCodes.OK, retract.status(), retract.toString());
    assertTrue(retract.out().startsWith("retracted " + pdqId), retract.out());

    CliRun again = run("match", copy.toString());
    assertEquals(ExitCodes.NOT_FOUND, again.status(), again.toString());
    assertTrue(again.out().contains("no match for " + copy), again.out());
    assertTrue(run("entry", "show", pdqId).out().contains("status       retracted"));

    CliRun twice = run("retract", pdqId, "--reason", "false_positive");
    assertEquals(ExitCodes.USAGE, twice.status(), twice.toString());
    assertTrue(twice.err().contains("already-retracted"), twice.err());
  }

  @Test
  void relabel_replacesTheLabels_entryShowShowsBoth_andRefusalsAdvise() throws Exception {
    CliRun sub = run("submit", "--label", LABEL, "--signal", "md5:" + "7e".repeat(16), "--json");
    assertEquals(ExitCodes.OK, sub.status(), sub.toString());
    String id = sub.json().path("submitted").get(0).path("entry_id").asText();

    CliRun relabel = run("relabel", id, "--label", "ideology:accelerationism", "--label", LABEL,
        "--note", "group identified");
    assertEquals(ExitCodes.OK, relabel.status(), relabel.toString());
    assertTrue(relabel.out().startsWith("relabelled " + id + " as entry "), relabel.out());

    CliRun show = run("entry", "show", id);
    assertTrue(show.out().contains("labels       " + LABEL + ",ideology:accelerationism\n"), show.out());
    assertTrue(show.out().contains("labelled as  " + LABEL + " when submitted"), show.out());
    assertTrue(show.out().contains("relabelled by"), show.out());
    JsonNode match = run("match", "--signal", "md5:" + "7e".repeat(16), "--json").json();
    assertEquals(2, match.path("results").get(0).path("matches").get(0).path("labels").size(), match.toString());

    CliRun same = run("relabel", id, "--label", "ideology:accelerationism", "--label", LABEL);
    assertEquals(ExitCodes.USAGE, same.status(), same.toString());
    assertTrue(same.err().contains("labels-unchanged"), same.err());
    CliRun twice = run("relabel", id, "--label", "x:y", "--label", "x:y");
    assertEquals(ExitCodes.USAGE, twice.status(), twice.toString());
    assertTrue(twice.err().contains("appears twice"), twice.err());
    CliRun badLabel = run("relabel", id, "--label", "Not A Label");
    assertEquals(ExitCodes.USAGE, badLabel.status(), badLabel.toString());
    CliRun noLabel = run("relabel", id);
    assertEquals(ExitCodes.USAGE, noLabel.status(), noLabel.toString());
    CliRun absent = run("relabel", "0".repeat(64), "--label", LABEL);
    assertEquals(ExitCodes.NOT_FOUND, absent.status(), absent.toString());
  }

  @Test
  void agreeAndDisagree_onAnotherMembersEntry_areShownWithTheEntry() throws Exception {
    MemberId beta = MemberId.parse("beta");
    EntrySigner signer = EntrySigner.create(beta, Ed25519PrivateKey.generate(new SecureRandom()));
    SignedEntry foreign = signer.sign(Entry.create(beta, 1, Optional.empty(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Submit.of(Signal.parse("sha256", "be".repeat(32)), List.of(Label.parse(LABEL)))));
    node.ledger().orElseThrow().ingest(foreign);
    String id = foreign.id().hex();

    CliRun disagree = run("disagree", id, "--reason", "wrong_label", "--note", "not this group");
    assertEquals(ExitCodes.OK, disagree.status(), disagree.toString());
    assertTrue(disagree.out().startsWith("disagreed with " + id), disagree.out());
    CliRun agree = run("agree", id, "--json");
    assertEquals(ExitCodes.OK, agree.status(), agree.toString());
    assertEquals("acme", agree.json().path("member").asText());

    JsonNode shown = run("entry", "show", id, "--json").json();
    assertEquals("beta", shown.path("member").asText());
    assertEquals(2, shown.path("opinions").size());
    CliRun text = run("entry", "show", id);
    assertTrue(text.out().contains("opinions     1 agree, 1 disagree"), text.out());
    assertTrue(text.out().contains("wrong_label") && text.out().contains("not this group"), text.out());

    CliRun retract = run("retract", id, "--reason", "other");
    assertEquals(ExitCodes.USAGE, retract.status(), retract.toString());
    assertTrue(retract.err().contains("not-own-entry") && retract.err().contains("hashfed disagree " + id),
        retract.err());

    CliRun relabel = run("relabel", id, "--label", "ideology:x");
    assertEquals(ExitCodes.USAGE, relabel.status(), relabel.toString());
    assertTrue(relabel.err().contains("not-own-entry") && relabel.err().contains("--reason wrong_label"),
        relabel.err());

    CliRun badReason = run("disagree", id, "--reason", "dunno");
    assertEquals(ExitCodes.USAGE, badReason.status());
    assertTrue(badReason.err().contains("false_positive"), badReason.err());
  }

  @Test
  void submit_lowQualityPdq_sendsTheOtherSignals_unlessStrict() throws Exception {
    Path flat = StaffFixture.flat(dir.resolve("flat.png"));
    int before = node.ledger().orElseThrow().catalog().size();
    CliRun strict = run("submit", "--label", LABEL, "--strict", flat.toString());
    assertEquals(ExitCodes.USAGE, strict.status(), strict.toString());
    assertTrue(strict.err().contains("pdq quality 0 is below 50"), strict.err());
    assertEquals(before, node.ledger().orElseThrow().catalog().size());

    CliRun lenient = run("submit", "--label", LABEL, flat.toString(), "--json");
    assertEquals(ExitCodes.OK, lenient.status(), lenient.toString());
    assertEquals(2, lenient.json().path("submitted").size());
    assertEquals(1, lenient.json().path("skipped").size());
    assertEquals(before + 2, node.ledger().orElseThrow().catalog().size());
  }

  @Test
  void submit_dryRun_printsBodiesAndSendsNothing() throws Exception {
    Path image = StaffFixture.image("bridge-mods-square-256x256.jpg");
    int before = node.ledger().orElseThrow().catalog().size();
    CliRun r = run("submit", "--dry-run", "--label", LABEL, "--expires", "30d", image.toString(),
        "--signal", "md5:00112233445566778899AABBCCDDEEFF");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    String[] lines = r.out().split("\n");
    assertEquals(4, lines.length, r.out());
    JsonNode first = StaffFixture.JSON.readTree(lines[0]);
    assertEquals("00112233445566778899aabbccddeeff", first.path("signal").path("value").asText());
    assertEquals(LABEL, first.path("labels").get(0).asText());
    assertTrue(first.path("expires_at").asText().endsWith("Z"));
    assertEquals("pdq", StaffFixture.JSON.readTree(lines[3]).path("signal").path("type").asText());
    assertEquals(before, node.ledger().orElseThrow().catalog().size());
  }

  @Test
  void submitKnownSignal_thenMatchIt_andJsonStatusAndMembers() throws Exception {
    String pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    CliRun sub = run("submit", "--label", LABEL, "--signal", "pdq:" + pdq + ":90");
    assertEquals(ExitCodes.OK, sub.status(), sub.toString());
    assertTrue(sub.out().contains("--signal") && sub.out().contains(pdq), sub.out());
    CliRun match = run("match", "--signal", "pdq:" + pdq, "--max-distance", "0", "--json");
    assertEquals(ExitCodes.OK, match.status(), match.toString());
    assertEquals(0, match.json().path("results").get(0).path("matches").get(0).path("distance").asInt());

    CliRun status = run("status", "--json");
    assertEquals(ExitCodes.OK, status.status(), status.toString());
    assertEquals("acme", status.json().path("member").asText());
    assertTrue(status.json().path("index").path("pdq").asInt() >= 1);
    CliRun text = run("status");
    assertTrue(text.out().contains("member    acme") && text.out().contains("sync      not available on this node"),
        text.out());

    CliRun members = run("members", "--json");
    assertEquals(ExitCodes.OK, members.status(), members.toString());
    assertEquals("acme", members.json().path("members").get(0).path("member").asText());
    assertTrue(run("members").out().contains("acme (you)"));
  }

  @Test
  void exitCodes_notFound_usage_serverDown() throws Exception {
    CliRun missing = run("entry", "show", "ab".repeat(32));
    assertEquals(ExitCodes.NOT_FOUND, missing.status(), missing.toString());
    assertTrue(missing.err().contains("entry-not-found"), missing.err());

    CliRun badId = run("entry", "show", "xyz");
    assertEquals(ExitCodes.USAGE, badId.status());
    assertTrue(badId.err().contains("invalid entry id \"xyz\""), badId.err());

    CliRun noMatch = run("match", "--signal", "md5:" + "0f".repeat(16));
    assertEquals(ExitCodes.NOT_FOUND, noMatch.status(), noMatch.toString());

    CliRun noLabel = run("submit", "--signal", "md5:" + "0f".repeat(16));
    assertEquals(ExitCodes.USAGE, noLabel.status());
    assertTrue(noLabel.err().contains("--label"), noLabel.err());

    CliRun badSignal = run("submit", "--label", LABEL, "--signal", "md5:abc");
    assertEquals(ExitCodes.USAGE, badSignal.status());
    assertTrue(badSignal.err().contains("expected 32 hex digits"), badSignal.err());

    CliRun weak = run("submit", "--label", LABEL, "--signal", "pdq:" + "ab".repeat(32) + ":10");
    assertEquals(ExitCodes.USAGE, weak.status());
    assertTrue(weak.err().contains("pdq quality 10 is below 50"), weak.err());

    CliRun noQuality = run("submit", "--label", LABEL, "--signal", "pdq:" + "ab".repeat(32));
    assertEquals(ExitCodes.USAGE, noQuality.status());
    assertTrue(noQuality.err().contains("has no quality") && noQuality.err().contains("--pdq-quality"),
        noQuality.err());

    CliRun down = run("status", "--node", "http://127.0.0.1:1", "--api-key-file", submitKey.toString());
    assertEquals(ExitCodes.SERVER, down.status(), down.toString());
    assertTrue(down.err().contains("cannot reach the node at http://127.0.0.1:1"), down.err());

    // The peer list is an operator's view: an analyst's submit key is refused with what to do.
    CliRun peers = run("peers");
    assertEquals(ExitCodes.SERVER, peers.status(), peers.toString());
    assertTrue(peers.err().contains("needs a key with role admin") && peers.err().contains("Ask the node's operator"),
        peers.err());

    CliRun unknownProfile = run("status", "--profile", "nope");
    assertEquals(ExitCodes.USAGE, unknownProfile.status());
    assertTrue(unknownProfile.err().contains("hashfed login"), unknownProfile.err());
  }

  @Test
  void submitVideo_thenMatchIt_reportsPercentagesAndRanges() throws Exception {
    Path video = Path.of(System.getProperty("hashfed.repo.dir", ".."),
        "protocol/src/test/resources/vpdq/videos/test-padded-dimensions.mp4");
    CliRun sub = run("submit", "--label", LABEL, video.toString(), "--json");
    assertEquals(ExitCodes.OK, sub.status(), sub.toString());
    JsonNode submitted = sub.json().path("submitted");
    assertEquals(3, submitted.size(), sub.out());
    JsonNode vpdq = submitted.get(2).path("signal");
    assertEquals("vpdq", vpdq.path("type").asText());
    assertEquals(5, vpdq.path("frames").asInt());

    CliRun match = run("match", video.toString(), "--query-percent", "90", "--json");
    assertEquals(ExitCodes.OK, match.status(), match.toString());
    JsonNode result = match.json().path("results").get(2);
    assertEquals("vpdq", result.path("signal").path("type").asText());
    JsonNode v = result.path("matches").get(0).path("video");
    assertEquals(100.0, v.path("query_percent").asDouble(), v.toString());
    assertEquals(100.0, v.path("compared_percent").asDouble());
    assertEquals("standard", v.path("via").asText());

    CliRun table = run("match", video.toString());
    assertEquals(ExitCodes.OK, table.status(), table.toString());
    assertTrue(table.out().contains("QUERY%  COMPARED%  VIA"), table.out());
    assertTrue(table.out().contains("100     100        standard  0-4 s"), table.out());
  }

  @Test
  void submit_flatAnimatedGif_skipsPdqAndVpdq_sendsDigests() throws Exception {
    Path gif = dir.resolve("flat.gif");
    javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
    try (var out = javax.imageio.ImageIO.createImageOutputStream(gif.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < 2; i++) {
        writer.writeToSequence(new javax.imageio.IIOImage(
            new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), null, null), null);
      }
      writer.endWriteSequence();
    }
    CliRun r = run("submit", "--label", LABEL, gif.toString(), "--json");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertEquals(2, r.json().path("submitted").size(), r.out());
    assertEquals(2, r.json().path("skipped").size(), r.out());
    assertTrue(r.err().contains("vpdq not submitted: no vpdq frame reaches pdq quality 50"), r.err());
  }
}
