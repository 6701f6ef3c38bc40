package org.hashfed.cli.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.hashfed.cli.exchange.ExchangeFixture.exported;
import static org.hashfed.cli.exchange.ExchangeFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed import threatexchange}: WireMock plays the Graph API's threat_updates, a real node receives them. */
class ThreatExchangeImportTest {

  static final String PDQ = FileImportTest.PDQ;
  static final String MD5 = FileImportTest.MD5;
  static final String GROUP = "1234567890";
  static final String UPDATES = "/v21.0/" + GROUP + "/threat_updates/";
  static final String TOKEN = "1234567890123|app-secret-token-abcdefghij";

  @TempDir Path dir;
  WireMockServer graph;
  Node node;
  Path key;
  Path token;
  Path state;

  @BeforeEach
  void start() throws Exception {
    graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    graph.start();
    node = ExchangeFixture.startNode(Files.createDirectories(dir.resolve("acme")), "acme");
    key = ExchangeFixture.submitKey(node, dir.resolve("acme"), dir.resolve("acme.key"));
    token = Files.writeString(dir.resolve("te-token"), TOKEN + "\n");
    state = dir.resolve("state");
  }

  @AfterEach
  void stop() {
    graph.stop();
    node.stop();
  }

  private CliRun teImport(String... more) {
    List<String> args = new ArrayList<>(List.of("import", "threatexchange", GROUP, "--url",
        "http://127.0.0.1:" + graph.port() + "/v21.0", "--token-file", token.toString(), "--state", state.toString(),
        "--json"));
    args.addAll(List.of(more));
    return run(node, key, args.toArray(String[]::new));
  }

  private static String update(long id, String type, String indicator, long updated, boolean delete, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ", ").append("{\"text\": \"").append(tag).append("\"}");
    }
    return "{\"id\": \"" + id + "\", \"indicator\": \"" + indicator + "\", \"type\": \"" + type + "\", "
        + "\"last_updated\": " + updated + ", \"should_delete\": " + delete + ", \"descriptors\": {\"data\": ["
        + "{\"id\": \"" + (id + 1000) + "\", \"owner\": {\"id\": \"616912251743987\"}, \"status\": \"MALICIOUS\", "
        + "\"added_on\": \"2026-07-01T18:31:15+0000\", \"tags\": {\"data\": [" + t + "]}}]}}";
  }

  private static String page(String next, String... updates) {
    return "{\"data\": [" + String.join(", ", updates) + "], \"paging\": {\"cursors\": {\"before\": \"b\", \"after\": "
        + "\"a\"}" + (next == null ? "" : ", \"next\": \"" + next + "\"") + "}}";
  }

  @Test
  void cursorPages_submitThenRetract_tagsBecomeLabels_andARerunStartsAtTheCheckpoint() throws Exception {
    String next = "http://127.0.0.1:" + graph.port() + UPDATES + "?access_token=" + TOKEN.replace("|", "%7C")
        + "&limit=500&after=CURSOR2";
    graph.stubFor(get(urlPathEqualTo(UPDATES)).withQueryParam("after", absent())
        .withQueryParam("access_token", equalTo(TOKEN)).withQueryParam("start_time", absent())
        .willReturn(okJson(page(next,
            update(11, "HASH_PDQ", PDQ, 1700000100, false, "terrorism", "Christchurch Attack"),
            update(12, "HASH_VIDEO_MD5", MD5, 1700000200, false, "behavior:glorification"),
            update(13, "URI", "https://example.com", 1700000250, false),
            update(14, "HASH_MD5", "zz", 1700000260, false)))));
    graph.stubFor(get(urlPathEqualTo(UPDATES)).withQueryParam("after", equalTo("CURSOR2"))
        .willReturn(okJson(page(null,
            update(11, "HASH_PDQ", PDQ, 1700000300, true),
            update(15, "HASH_MD5", "ff".repeat(16), 1700000400, false)))));

    CliRun r = teImport();
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    JsonNode s = r.json();
    assertEquals(2, s.path("pages").asInt(), r.toString());
    assertEquals(3, s.path("submitted").asInt(), r.toString());
    assertEquals(1, s.path("retracted").asInt(), r.toString());
    assertEquals(1, s.path("unsupported").path("URI").asInt(), r.toString());
    assertEquals("te:14", s.path("malformed").get(0).path("record").asText(), r.toString());
    assertEquals("1700000400", s.path("checkpoint").asText(), r.toString());
    assertFalse(r.all().contains("app-secret-token"), r.toString());

    assertEquals(List.of("video_md5 " + MD5, "video_md5 " + "ff".repeat(16)), exported(node, key));
    String hma = run(node, key, "export", "--format", "hma").out();
    assertTrue(hma.contains("\"source:threatexchange\"") && hma.contains("\"behavior:glorification\""), hma);

    graph.stubFor(get(urlPathEqualTo(UPDATES)).withQueryParam("start_time", equalTo("1700000400"))
        .willReturn(okJson(page(null, update(15, "HASH_MD5", "ff".repeat(16), 1700000400, false),
            update(12, "HASH_VIDEO_MD5", MD5, 1700000500, false, "behavior:glorification", "recruitment")))));
    CliRun again = teImport();
    assertEquals(ExitCodes.OK, again.status(), again.toString());
    assertEquals(0, again.json().path("submitted").asInt(), again.toString());
    assertEquals(1, again.json().path("already_imported").asInt(), again.toString());
    assertEquals(1, again.json().path("relabelled").asInt(), again.toString());
    assertEquals("1700000500", again.json().path("checkpoint").asText(), again.toString());
    assertTrue(run(node, key, "export", "--format", "hma").out().contains("\"tag:recruitment\""));
    // 3 submissions, 1 retraction and 1 relabel in all: nothing was submitted twice
    assertEquals(5, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void tagsOfTheFirstPage_becomeTagLabels() throws Exception {
    graph.stubFor(get(urlPathEqualTo(UPDATES)).willReturn(okJson(page(null,
        update(11, "HASH_PDQ", PDQ, 1700000100, false, "terrorism", "Christchurch Attack")))));
    CliRun r = teImport();
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    String hma = run(node, key, "export", "--format", "hma").out();
    assertTrue(hma.contains("\"tag:terrorism\"") && hma.contains("\"tag:christchurch-attack\""), hma);
  }

  @Test
  void expiredToken_stopsWithAClearMessage_withoutShowingTheToken() {
    graph.stubFor(get(urlPathEqualTo(UPDATES)).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/json").withBody("{\"error\": {\"message\": \"Error validating access token: Session has expired; "
        + "token " + TOKEN + "\", \"type\": \"OAuthException\", \"code\": 190}}")));
    CliRun r = teImport();
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("refused the access token (400: Error validating access token"), r.err());
    assertFalse(r.all().contains("app-secret-token"), r.toString());
    assertFalse(Files.exists(state.resolve("checkpoint.json")));
  }

  @Test
  void rateLimited_thenAnswered_isRetriedAfterRetryAfter() {
    graph.stubFor(get(urlPathEqualTo(UPDATES)).inScenario("limit").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
    graph.stubFor(get(urlPathEqualTo(UPDATES)).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(okJson(page(null, update(12, "HASH_VIDEO_MD5", MD5, 1700000200, false)))));
    CliRun r = teImport();
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertEquals(1, r.json().path("submitted").asInt(), r.toString());
    graph.verify(2, getRequestedFor(urlPathEqualTo(UPDATES)));
  }

  @Test
  void dryRun_listsThePlannedRequests_andSendsAndSavesNothing() {
    graph.stubFor(get(urlPathEqualTo(UPDATES)).willReturn(okJson(page(null,
        update(11, "HASH_PDQ", PDQ, 1700000100, false, "terrorism"),
        update(12, "HASH_VIDEO_MD5", MD5, 1700000200, true)))));
    CliRun r = teImport("--dry-run");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    JsonNode planned = r.json().path("planned");
    assertEquals(1, planned.size(), r.toString());
    assertEquals("submit", planned.get(0).path("action").asText());
    assertEquals("te:11", planned.get(0).path("record").asText());
    assertEquals(PDQ, planned.get(0).path("body").path("signal").path("value").asText());
    assertEquals(50, planned.get(0).path("body").path("signal").path("quality").asInt());
    assertEquals(1, r.json().path("deletions_not_imported").asInt(), r.toString());
    assertTrue(r.err().contains("page 1: 2 record(s), 1 submitted") && r.err().contains("(dry run)"), r.err());
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
    assertFalse(Files.exists(state));
  }

  @Test
  void aPrivacyGroupThatIsNotAnId_isAUsageError() {
    CliRun r = run(node, key, "import", "threatexchange", "../x", "--token-file", token.toString());
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("invalid privacy group \"../x\""), r.err());
  }
}
