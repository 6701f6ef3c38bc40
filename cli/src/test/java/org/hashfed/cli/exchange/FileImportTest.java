package org.hashfed.cli.exchange;

import static org.hashfed.cli.exchange.ExchangeFixture.exported;
import static org.hashfed.cli.exchange.ExchangeFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed import file} and {@code hashfed export} against real nodes. */
class FileImportTest {

  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  static final String MD5 = "00112233445566778899aabbccddeeff";
  static final String SHA256 = "ab".repeat(32);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final List<Node> nodes = new ArrayList<>();

  Node node;
  Path key;

  @BeforeEach
  void start() throws Exception {
    node = node("acme");
    key = ExchangeFixture.submitKey(node, dir.resolve("acme"), dir.resolve("acme.key"));
  }

  @AfterEach
  void stop() {
    nodes.forEach(Node::stop);
  }

  private Node node(String member) throws Exception {
    Node n = ExchangeFixture.startNode(Files.createDirectories(dir.resolve(member)), member);
    nodes.add(n);
    return n;
  }

  static String vpdq() {
    List<VpdqFrame> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      frames.add(VpdqFrame.of(i, i * 1000L, PdqHash.fromHex(PDQ.substring(2 * i) + PDQ.substring(0, 2 * i)), 100));
    }
    return VpdqSignalFormat.write(frames);
  }

  private Path localFile() throws Exception {
    return Files.writeString(dir.resolve("signals.txt"), String.join("\n",
        "pdq " + PDQ,
        "video_md5 " + MD5,
        "video_sha256 " + SHA256,
        "vpdq " + vpdq(),
        "url https://example.com/not-a-hash",
        "pdq 12345",
        "") );
  }

  @Test
  void localFile_importsEveryValidLine_reportsTheBadOne_andARerunSubmitsNothing() throws Exception {
    Path file = localFile();
    CliRun r = run(node, key, "import", "file", "--label", "behavior:propaganda", "--json", file.toString());
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    JsonNode s = r.json();
    assertEquals(4, s.path("submitted").asInt(), r.toString());
    assertEquals(1, s.path("unsupported").path("url").asInt(), r.toString());
    assertEquals(1, s.path("malformed_count").asInt(), r.toString());
    assertTrue(s.path("malformed").get(0).path("record").asText().endsWith("signals.txt:6"), r.toString());
    assertTrue(s.path("malformed").get(0).path("reason").asText().contains("invalid pdq value \"12345\""), r.toString());
    assertTrue(r.err().contains("skipped " + file + ":6"), r.err());

    List<String> out = exported(node, key);
    assertEquals(List.of("pdq " + PDQ, "video_md5 " + MD5, "video_sha256 " + SHA256, "vpdq " + vpdq()), out);

    CliRun again = run(node, key, "import", "file", "--label", "behavior:propaganda", "--json", file.toString());
    assertEquals(0, again.json().path("submitted").asInt(), again.toString());
    assertEquals(4, again.json().path("already_imported").asInt(), again.toString());
    assertEquals(4, ExchangeFixture.entries(node, "acme"));

    CliRun hma = run(node, key, "export", "--format", "hma");
    assertTrue(hma.out().contains("\"source:local-file\"") && hma.out().contains("\"behavior:propaganda\""), hma.out());
    // the node's own HMA routes know every exported bank and content id (spec/hma.md)
    for (String line : hma.out().lines().toList()) {
      JsonNode content = JSON.readTree(line);
      HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          ExchangeFixture.url(node) + "/c/bank/" + content.path("bank").path("name").asText() + "/content/"
          + content.path("id").asLong())).header("Authorization", "Bearer " + Files.readString(key).strip()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, got.statusCode(), got.body());
      assertEquals(content.path("metadata").path("content_id").asText(),
          JSON.readTree(got.body()).path("metadata").path("content_id").asText(), got.body());
    }
  }

  @Test
  void retractMissing_retractsWhatTheFileNoLongerHolds() throws Exception {
    Path file = localFile();
    run(node, key, "import", "file", file.toString());
    Files.writeString(file, "pdq " + PDQ + "\nvideo_md5 " + MD5 + "\n");
    CliRun r = run(node, key, "import", "file", "--retract-missing", "--json", file.toString());
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertEquals(2, r.json().path("retracted").asInt(), r.toString());
    assertEquals(List.of("pdq " + PDQ, "video_md5 " + MD5), exported(node, key));
  }

  @Test
  void dryRun_printsTheRequests_andSendsAndSavesNothing() throws Exception {
    Path file = localFile();
    CliRun r = CliRun.of("import", "file", "--dry-run", file.toString(), "--node", "http://127.0.0.1:9",
        "--api-key", "hfk_unused");
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    assertEquals(4, r.out().lines().filter(l -> l.startsWith("submit ")).count(), r.out());
    assertTrue(r.out().contains("submit md5:" + MD5 + " {\"signal\":{\"type\":\"md5\",\"value\":\"" + MD5 + "\"}"),
        r.out());
    assertTrue(r.err().contains("dry run, nothing was sent"), r.err());
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
    assertFalse(Files.exists(dir.resolve("signals.txt.hashfed-import")));
  }

  @Test
  void exports_roundTripThroughImportFile_intoAnotherNode() throws Exception {
    run(node, key, "import", "file", localFile().toString());
    List<String> original = exported(node, key);
    for (String format : List.of("hma", "csv", "pytx")) {
      Path out = dir.resolve("export." + format);
      CliRun e = run(node, key, "export", "--format", format, "--out", out.toString(), "--json");
      assertEquals(0, e.status(), e.toString());
      assertEquals(4, e.json().path("signals").asInt(), e.toString());

      Node other = node("beta-" + format);
      Path otherKey = ExchangeFixture.submitKey(other, dir.resolve("beta-" + format), dir.resolve(format + ".key"));
      String fileFormat = switch (format) {
        case "hma" -> "hma";
        case "csv" -> "dataset-csv";
        default -> "local_file";
      };
      CliRun i = run(other, otherKey, "import", "file", "--format", fileFormat, "--json", out.toString());
      assertEquals(0, i.status(), i.toString());
      assertEquals(original, exported(other, otherKey), format);
      if (!format.equals("pytx")) {
        // hma and csv carry the labels; an imported entry keeps them
        CliRun labels = run(other, otherKey, "export", "--format", "hma");
        assertTrue(labels.out().contains("\"source:local-file\""), format + ": " + labels.out());
      }
    }
  }

  @Test
  void datasetCsv_negativeClassRetracts_tagsBecomeLabels_andAnOverlongLineIsSkipped() throws Exception {
    Path csv = dir.resolve("collab.csv");
    Files.writeString(csv, "signal_type,signal_str,collab,category,tags\r\n"
        + "pdq," + PDQ + ",Sample Collab,POSITIVE_CLASS,behavior:propaganda Christchurch\r\n"
        + "video_md5," + MD5 + ",Sample Collab,INVESTIGATION_SEED,\r\n"
        + "pdq," + "a".repeat(FileSource.MAX_LINE_CHARS + 10) + ",x,POSITIVE_CLASS,\r\n"
        + "video_md5," + MD5 + ",Sample Collab,MAYBE,\r\n");
    CliRun r = run(node, key, "import", "file", "--json", csv.toString());
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    assertEquals(2, r.json().path("submitted").asInt(), r.toString());
    assertTrue(r.json().path("malformed").get(0).path("reason").asText().contains("over the limit"), r.toString());
    assertTrue(r.json().path("malformed").get(1).path("reason").asText().contains("category \"MAYBE\""), r.toString());
    String hma = run(node, key, "export", "--format", "hma").out();
    assertTrue(hma.contains("\"behavior:propaganda\"") && hma.contains("\"tag:christchurch\"")
        && hma.contains("\"source:dataset-csv\""), hma);

    Files.writeString(csv, "signal_type,signal_str,collab,category,tags\r\n"
        + "pdq," + PDQ + ",Sample Collab,NEGATIVE_CLASS,\r\n");
    CliRun again = run(node, key, "import", "file", "--json", csv.toString());
    assertEquals(ExitCodes.OK, again.status(), again.toString());
    assertEquals(1, again.json().path("retracted").asInt(), again.toString());
    assertEquals(List.of("video_md5 " + MD5), exported(node, key));
  }

  @Test
  void hmaContentWithoutSignals_isSkippedWhole_andADisabledContentIsADeletion() throws Exception {
    Path jsonl = dir.resolve("bank.jsonl");
    Files.writeString(jsonl, "{\"id\": 7, \"disable_until_ts\": 1, \"bank\": {\"name\": \"TCAP_IMPORT\"}, "
        + "\"signals\": {\"pdq\": \"" + PDQ + "\", \"video_md5\": \"" + MD5 + "\"}}\n"
        + "{\"id\": 8, \"disable_until_ts\": 1, \"bank\": {\"name\": \"TCAP_IMPORT\"}}\n"
        + "{\"id\": 9, \"disable_until_ts\": 1, \"bank\": {\"name\": \"TCAP_IMPORT\"}, "
        + "\"signals\": {\"pdq\": \"" + "11".repeat(32) + "\", \"video_md5\": \"nope\"}}\n");
    CliRun r = run(node, key, "import", "file", "--json", jsonl.toString());
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    assertEquals(2, r.json().path("submitted").asInt(), r.toString());
    assertEquals(2, r.json().path("malformed_count").asInt(), r.toString());
    assertEquals(List.of("pdq " + PDQ, "video_md5 " + MD5), exported(node, key));
    assertTrue(run(node, key, "export", "--format", "hma").out().contains("\"hma-bank:tcap_import\""));

    Files.writeString(jsonl, "{\"id\": 7, \"disable_until_ts\": 0, \"bank\": {\"name\": \"TCAP_IMPORT\"}, "
        + "\"signals\": {\"pdq\": \"" + PDQ + "\"}}\n");
    CliRun again = run(node, key, "import", "file", "--json", jsonl.toString());
    assertEquals(1, again.json().path("retracted").asInt(), again.toString());
    assertEquals(List.of("video_md5 " + MD5), exported(node, key));
  }

  @Test
  void aSecondImportOnTheSameState_whileOneRuns_isRefused() throws Exception {
    Path file = localFile();
    Path state = Files.createDirectories(dir.resolve("state"));
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(state.resolve("lock"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = c.lock()) {
      CliRun r = run(node, key, "import", "file", "--state", state.toString(), file.toString());
      assertEquals(ExitCodes.USAGE, r.status(), r.toString());
      assertTrue(r.err().contains("another import is using " + state), r.err());
    }
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void aStateDirectoryOfAnotherMembersNode_isRefused() throws Exception {
    Path file = localFile();
    Path state = dir.resolve("state");
    run(node, key, "import", "file", "--state", state.toString(), file.toString());
    Node beta = node("beta");
    Path betaKey = ExchangeFixture.submitKey(beta, dir.resolve("beta"), dir.resolve("beta.key"));
    CliRun r = run(beta, betaKey, "import", "file", "--state", state.toString(), file.toString());
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("to the node of member \"acme\", and this node is member \"beta\"'s"), r.err());
    assertEquals(0, ExchangeFixture.entries(beta, "beta"));
  }

  @Test
  void badFormat_isAUsageError_namingTheValue() throws Exception {
    CliRun r = run(node, key, "import", "file", "--format", "xml", localFile().toString());
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("unknown --format \"xml\": expected one of local_file, dataset-csv, hma"), r.err());
  }
}
