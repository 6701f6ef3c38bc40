package org.hashfed.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  @TempDir Path dir;


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private CliRun verify(Node node, Path data, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "verify", "--node", "http://127.0.0.1:" + node.port(),
        "--audit-key-file", data.resolve("admin.key").toString(), "--roster",
        AuditNodes.rosterFile(dir.resolve("roster-v1.json")).toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static List<Appended> submitSome(Node node, int from, int n) {
    List<Appended> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(AuditNodes.submit(node, AuditNodes.md5(i)));
    }
    return out;
  }

  @Test
  void verify_ofHonestLog_holdsAndAdvancesState() throws Exception {
    Path data = dir.resolve("acme");
    Path state = dir.resolve("state.json");
    try (Node node = AuditNodes.start(data)) {
      submitSome(node, 0, 5);
      node.log().orElseThrow().checkpoints().signLatest();
      CliRun first = verify(node, data, "--state", state.toString());
      assertEquals(ExitCodes.OK, first.status(), first.out() + first.err());
      assertTrue(first.out().contains("OK: the log holds") && first.out().contains("5 entries of 1 members"), first.out());
      assertTrue(Files.readString(state).contains("\"size\":6"), Files.readString(state));

      submitSome(node, 5, 3);
      node.log().orElseThrow().checkpoints().signLatest();
      CliRun second = verify(node, data, "--state", state.toString(), "--json");
      assertEquals(ExitCodes.OK, second.status(), second.out() + second.err());
      JsonNode report = Json.readTree(second.out().getBytes());
      assertEquals(9, report.path("checkpoint").path("size").asLong());
      assertTrue(Files.readString(state).contains("\"size\":9"), Files.readString(state));
    }
  }

  @Test
  void verify_withOneByteOfAStoredEnvelopeChanged_failsNamingIndexAndEntry() throws Exception {
    Path data = dir.resolve("acme");
    Appended tampered;
    try (Node node = AuditNodes.start(data)) {
      tampered = submitSome(node, 0, 4).get(2);
      node.log().orElseThrow().checkpoints().signLatest();
    }
    try (Store store = Store.open(data.resolve("store"))) {
      byte[] envelope = store.envelope(tampered.entryId().bytes()).orElseThrow();
      String text = new String(envelope);
      int sig = text.indexOf("\"sig\":\"") + 10;
      byte[] changed = envelope.clone();
      changed[sig] = (byte) (changed[sig] == 'A' ? 'B' : 'A');
      store.commit(StoreWrite.create().putEnvelope(tampered.entryId().bytes(), changed));
    }
    try (Node node = AuditNodes.start(data)) {
      CliRun r = verify(node, data);
      assertEquals(ExitCodes.NOT_FOUND, r.status(), r.out() + r.err());
      assertTrue(r.out().contains("bad-signature at index 3 (entry " + tampered.entryId().hex() + ")"), r.out());
      assertTrue(r.out().contains("root-mismatch"), r.out());
    }
  }

  @Test
  void verifyBundle_offline_holds_andDroppedOrReorderedEntriesAreNamed() throws Exception {
    Path data = dir.resolve("acme");
    Path bundle = dir.resolve("bundle.json");
    try (Node node = AuditNodes.start(data)) {
      submitSome(node, 0, 6);
      node.log().orElseThrow().checkpoints().signLatest();
      CliRun export = run("audit", "export", "--node", "http://127.0.0.1:" + node.port(), "--out", bundle.toString(),
          "--audit-key-file", data.resolve("admin.key").toString(), "--roster",
          AuditNodes.rosterFile(dir.resolve("roster-v1.json")).toString());
      assertEquals(ExitCodes.OK, export.status(), export.err());
    }
    CliRun ok = run("audit", "verify", "--bundle", bundle.toString());
    assertEquals(ExitCodes.OK, ok.status(), ok.out() + ok.err());

    ObjectNode json = (ObjectNode) Json.readTree(Files.readAllBytes(bundle));
    ArrayNode entries = (ArrayNode) json.path("entries");
    ObjectNode dropped = json.deepCopy();
    ((ArrayNode) dropped.path("entries")).remove(4);
    Path droppedFile = dir.resolve("dropped.json");
    Files.write(droppedFile, Json.write(dropped));
    CliRun d = run("audit", "verify", "--bundle", droppedFile.toString());
    assertEquals(ExitCodes.NOT_FOUND, d.status(), d.out());
    assertTrue(d.out().contains("feed-chain at index 4") && d.out().contains("acme#4 are missing")
        || d.out().contains("acme#4 are missing"), d.out());
    assertTrue(d.out().contains("leaf-count"), d.out());

    ObjectNode reordered = json.deepCopy();
    ArrayNode re = (ArrayNode) reordered.path("entries");
    re.set(1, entries.get(2));
    re.set(2, entries.get(1));
    Path reorderedFile = dir.resolve("reordered.json");
    Files.write(reorderedFile, Json.write(reordered));
    CliRun o = run("audit", "verify", "--bundle", reorderedFile.toString(), "--json");
    assertEquals(ExitCodes.NOT_FOUND, o.status(), o.out());
    JsonNode report = Json.readTree(o.out().getBytes());
    assertFalse(report.path("ok").asBoolean());
    String findings = report.path("findings").toString();
    assertTrue(findings.contains("\"kind\":\"root_mismatch\""), findings);
    assertTrue(findings.contains("\"kind\":\"feed_chain\",\"index\":1"), findings);
    assertTrue(findings.contains("out of order"), findings);
  }

  @Test
  void verify_whenTheLogServesAForkOfWhatThisAuditorSaw_failsAgainstState() throws Exception {
    Path state = dir.resolve("state.json");
    Path honest = dir.resolve("honest");
    try (Node node = AuditNodes.start(honest)) {
      submitSome(node, 0, 4);
      node.log().orElseThrow().checkpoints().signLatest();
      assertEquals(ExitCodes.OK, verify(node, honest, "--state", state.toString()).status());
    }
    // Same member key, another history: the view a misbehaving member shows this auditor next.
    Path fork = dir.resolve("fork");
    try (Node node = AuditNodes.start(fork)) {
      submitSome(node, 100, 6);
      node.log().orElseThrow().checkpoints().signLatest();
      String before = Files.readString(state);
      CliRun r = verify(node, fork, "--state", state.toString());
      assertEquals(ExitCodes.NOT_FOUND, r.status(), r.out() + r.err());
      assertTrue(r.out().contains("inconsistent-with-state") && r.out().contains("history was rewritten"), r.out());
      assertEquals(before, Files.readString(state), "the state must not advance on failure");
    }
  }

  @Test
  void provenance_listsSubmissionAndRetractionWithVerifiedProofs() throws Exception {
    Path data = dir.resolve("acme");
    try (Node node = AuditNodes.start(data)) {
      submitSome(node, 0, 3);
      Appended target = AuditNodes.submit(node, AuditNodes.md5(42));
      AuditNodes.retract(node, target);
      submitSome(node, 3, 2);
      node.log().orElseThrow().checkpoints().signLatest();
      CliRun r = run("audit", "provenance", "--node", "http://127.0.0.1:" + node.port(), "--audit-key-file",
          data.resolve("admin.key").toString(), "--roster",
          AuditNodes.rosterFile(dir.resolve("roster-v1.json")).toString(), "md5", AuditNodes.md5(42));
      assertEquals(ExitCodes.OK, r.status(), r.out() + r.err());
      assertTrue(r.out().contains("acme  submit") && r.out().contains("[index 4, entry " + target.entryId().hex()),
          r.out());
      assertTrue(r.out().contains("acme  retract  retracts " + target.entryId().hex()), r.out());
      assertFalse(r.out().contains("NOT VERIFIED"), r.out());
    }
  }

  @Test
  void nodeOptions_apiKeyFileWorksAsAuditKeyFile_andNodeErrorsExitThree() throws Exception {
    Path data = dir.resolve("acme");
    try (Node node = AuditNodes.start(data)) {
      submitSome(node, 0, 2);
      node.log().orElseThrow().checkpoints().signLatest();
      String url = "http://127.0.0.1:" + node.port();
      String roster = AuditNodes.rosterFile(dir.resolve("roster-v1.json")).toString();
      Path admin = data.resolve("admin.key");
      CliRun ok = run("audit", "verify", "--node", url, "--api-key-file", admin.toString(), "--roster", roster);
      assertEquals(ExitCodes.OK, ok.status(), ok.out() + ok.err());

      CliRun twice = run("audit", "verify", "--node", url, "--api-key-file", admin.toString(), "--audit-key-file",
          admin.toString(), "--roster", roster);
      assertEquals(ExitCodes.USAGE, twice.status(), twice.err());
      assertTrue(twice.err().contains("the API key is given twice"), twice.err());

      Path query = dir.resolve("query.key");
      CliRun key = run("keys", "create", "--role", "query", "--node", url, "--admin-key-file", admin.toString());
      Files.writeString(query, key.out());
      CliRun refused = run("audit", "provenance", "--node", url, "--audit-key-file", query.toString(), "--roster", roster,
          "md5", AuditNodes.md5(0));
      assertEquals(ExitCodes.SERVER, refused.status(), refused.out() + refused.err());
      assertTrue(refused.err().contains("403"), refused.err());
    }
  }

  @Test
  void verify_withBundleAndNode_isUsageError() {
    CliRun r = run("audit", "verify", "--bundle", dir.resolve("bundle.json").toString(), "--node", "http://127.0.0.1:1");
    assertEquals(ExitCodes.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("either --bundle or --node"), r.err());
  }
}
