package org.hashfed.cli.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.hashfed.cli.exchange.ExchangeFixture.exported;
import static org.hashfed.cli.exchange.ExchangeFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed import tcap}: WireMock plays TCAP's hash list, a real node receives the import. */
class TcapImportTest {

  static final String PDQ = FileImportTest.PDQ;
  static final String MD5 = FileImportTest.MD5;
  static final String SHA256 = FileImportTest.SHA256;
  static final String LIST = "/api/hash-list/v2/all";

  @TempDir Path dir;
  WireMockServer tcap;
  Node node;
  Path key;
  Path credentials;
  Path state;

  @BeforeEach
  void start() throws Exception {
    tcap = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    tcap.start();
    node = ExchangeFixture.startNode(Files.createDirectories(dir.resolve("acme")), "acme");
    key = ExchangeFixture.submitKey(node, dir.resolve("acme"), dir.resolve("acme.key"));
    credentials = Files.writeString(dir.resolve("tcap-credentials"), "analyst:s3cret-pass\n");
    state = dir.resolve("state");
    // The first login gives jwt-1, every later one jwt-2: a rerun after resetScenarios() sees its token expire.
    tcap.stubFor(post(urlEqualTo("/token-auth/tcap/")).inScenario("auth").whenScenarioStateIs(STARTED)
        .willReturn(okJson("{\"token\": \"jwt-1\"}")).willSetStateTo("renewed"));
    tcap.stubFor(post(urlEqualTo("/token-auth/tcap/")).inScenario("auth").whenScenarioStateIs("renewed")
        .willReturn(okJson("{\"token\": \"jwt-2\"}")));
  }

  @AfterEach
  void stop() {
    tcap.stop();
    node.stop();
  }

  private String base() {
    return "http://127.0.0.1:" + tcap.port() + "/";
  }

  private CliRun tcapImport(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("import", "tcap", "--url", base(), "--state",
        state.toString(), "--json"));
    args.addAll(List.of(more));
    return run(node, key, args.toArray(String[]::new));
  }

  private static String record(int id, String algorithm, String digest, String ideology, boolean deleted) {
    return "{\"hash_digest\": \"" + digest + "\", \"algorithm\": \"" + algorithm + "\", \"ideology\": \"" + ideology
        + "\", \"file_type\": \"mp4\", \"deleted\": " + deleted + ", \"updated_on\": 1704901040.2, "
        + "\"created_on\": \"2025-03-03T23:05:22.587000\", \"id\": " + id + "}";
  }

  private static String page(String next, String checkpoint, String... records) {
    return "{\"count\": " + records.length + ", \"next\": " + (next == null ? "null" : "\"" + next + "\"")
        + ", \"previous\": null, \"checkpoint\": \"" + checkpoint + "\", \"results\": [" + String.join(", ", records) + "]}";
  }

  private void stubTwoPages() {
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("after", equalTo("")).withQueryParam("offset", absent())
        .withHeader("Authorization", equalTo("Bearer jwt-1"))
        .willReturn(okJson(page(base() + "api/hash-list/v2/all?order=asc&after=&offset=4&limit=500",
            "1704901040.1,4",
            record(1, "PDQ", PDQ, "islamist", false),
            record(2, "MD5", MD5, "far-right", false),
            record(3, "SHA512", "cd".repeat(64), "islamist", false),
            record(4, "MD5", "not-hex", "islamist", false)))));
    // The second page is rate limited, then fails once, then answers.
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("offset", equalTo("4")).inScenario("page2")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
        .willSetStateTo("limited"));
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("offset", equalTo("4")).inScenario("page2")
        .whenScenarioStateIs("limited").willReturn(aResponse().withStatus(503)).willSetStateTo("failed"));
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("offset", equalTo("4")).inScenario("page2")
        .whenScenarioStateIs("failed").willReturn(okJson(page(null, "1704901041.2,5",
            record(5, "SHA256", SHA256, "islamist", false)))));
  }

  @Test
  void pagesWithRateLimitAndFailure_areImported_malformedSkipped_checkpointSaved() throws Exception {
    stubTwoPages();
    CliRun r = tcapImport("--credentials-file", credentials.toString());
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    JsonNode s = r.json();
    assertEquals(2, s.path("pages").asInt(), r.toString());
    assertEquals(3, s.path("submitted").asInt(), r.toString());
    assertEquals(1, s.path("unsupported").path("SHA512").asInt(), r.toString());
    assertEquals("tcap:4", s.path("malformed").get(0).path("record").asText(), r.toString());
    assertTrue(s.path("malformed").get(0).path("reason").asText().contains("invalid md5 value \"not-hex\""), r.toString());
    assertTrue(s.path("complete").asBoolean(), r.toString());
    assertEquals("1704901041.2,5", s.path("checkpoint").asText());
    assertTrue(Files.readString(state.resolve("checkpoint.json")).contains("\"1704901041.2,5\""));
    assertFalse(r.all().contains("s3cret-pass") || r.all().contains("jwt-1"), r.toString());
    tcap.verify(3, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("offset", equalTo("4")));

    assertEquals(List.of("pdq " + PDQ, "video_md5 " + MD5, "video_sha256 " + SHA256), exported(node, key));
    String hma = run(node, key, "export", "--format", "hma").out();
    assertTrue(hma.contains("\"ideology:islamist\"") && hma.contains("\"ideology:far-right\"")
        && hma.contains("\"source:tcap\""), hma);
    String entry = Files.readAllLines(state.resolve("entries.log")).stream().filter(l -> l.startsWith("+ tcap:1 "))
        .findFirst().orElseThrow().split(" ")[2];
    CliRun shown = run(node, key, "entry", "show", entry, "--json");
    assertTrue(shown.out().contains("TCAP hash list id 1, file type mp4, ideology islamist"), shown.toString());
  }

  @Test
  void rerun_fromTheCheckpoint_withAnExpiredToken_retractsDeletions_andSubmitsNothingTwice() throws Exception {
    stubTwoPages();
    assertEquals(ExitCodes.NOT_FOUND, tcapImport("--credentials-file", credentials.toString()).status());
    tcap.resetScenarios();
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("after", equalTo("1704901041.2,5"))
        .withHeader("Authorization", equalTo("Bearer jwt-1"))
        .willReturn(aResponse().withStatus(401).withBody("{\"detail\": \"Token expired\"}")));
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("after", equalTo("1704901041.2,5"))
        .withHeader("Authorization", equalTo("Bearer jwt-2"))
        .willReturn(okJson(page(null, "1704901050.0,7",
            record(1, "PDQ", PDQ, "islamist", true),
            record(2, "MD5", MD5, "far-right", false),
            record(6, "PDQ", "00".repeat(32), "islamist", true)))));
    CliRun r = tcapImport("--credentials-file", credentials.toString());
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    JsonNode s = r.json();
    assertEquals(1, s.path("retracted").asInt(), r.toString());
    assertEquals(1, s.path("already_imported").asInt(), r.toString());
    assertEquals(1, s.path("deletions_not_imported").asInt(), r.toString());
    assertEquals(0, s.path("submitted").asInt(), r.toString());
    assertEquals("1704901050.0,7", s.path("checkpoint").asText());
    // one login in the first run; in the second, jwt-1 is refused and the login is repeated once
    tcap.verify(3, postRequestedFor(urlEqualTo("/token-auth/tcap/")));
    assertEquals(List.of("video_md5 " + MD5, "video_sha256 " + SHA256), exported(node, key));
    // 3 submissions and 1 retraction: nothing was submitted twice
    assertEquals(4, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void expiredTokenWithoutCredentials_stops_keepingTheCheckpoint_andNeverShowsTheToken() throws Exception {
    Path token = Files.writeString(dir.resolve("tcap-token"), "old-jwt-token\n");
    tcap.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(401)));
    CliRun r = tcapImport("--token-file", token.toString());
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("answered 401: the token is expired or not valid"), r.err());
    assertFalse(r.all().contains("old-jwt-token"), r.toString());
    assertFalse(Files.exists(state.resolve("checkpoint.json")));
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void serverErrors_areRetriedABoundedNumberOfTimes_thenTheImportStops() throws Exception {
    tcap.stubFor(get(urlPathEqualTo(LIST)).willReturn(serverError()));
    CliRun r = tcapImport("--credentials-file", credentials.toString(), "--max-retries", "2");
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("answered 500 (3 attempt(s), the --max-retries limit)"), r.err());
    assertEquals(r.err().lines().filter(l -> l.contains("--max-retries limit")).findFirst().orElseThrow()
        .substring("hashfed import tcap: ".length()), r.json().path("error").asText(), r.toString());
    assertFalse(r.json().path("complete").asBoolean(), r.toString());
    tcap.verify(3, getRequestedFor(urlPathEqualTo(LIST)));
    assertFalse(Files.exists(state.resolve("checkpoint.json")));
  }

  @Test
  void aRunStoppedOnItsSecondPage_isContinuedFromTheFirstPagesCheckpoint_withoutDuplicates() throws Exception {
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("after", equalTo("")).withQueryParam("offset", absent())
        .willReturn(okJson(page(base() + "api/hash-list/v2/all?order=asc&after=&offset=2&limit=500",
            "1704901040.1,2", record(1, "PDQ", PDQ, "islamist", false), record(2, "MD5", MD5, "islamist", false)))));
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("offset", equalTo("2")).willReturn(serverError()));
    CliRun stopped = tcapImport("--credentials-file", credentials.toString(), "--max-retries", "0");
    assertEquals(ExitCodes.SERVER, stopped.status(), stopped.toString());
    assertEquals(2, stopped.json().path("submitted").asInt(), stopped.toString());
    assertEquals("1704901040.1,2", stopped.json().path("checkpoint").asText(), stopped.toString());

    // TCAP answers from the checkpoint: the first page's last record again, then the rest
    tcap.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("after", equalTo("1704901040.1,2"))
        .willReturn(okJson(page(null, "1704901041.0,3", record(2, "MD5", MD5, "islamist", false),
            record(3, "SHA256", SHA256, "islamist", false)))));
    CliRun resumed = tcapImport("--credentials-file", credentials.toString());
    assertEquals(ExitCodes.OK, resumed.status(), resumed.toString());
    assertEquals(1, resumed.json().path("submitted").asInt(), resumed.toString());
    assertEquals(1, resumed.json().path("already_imported").asInt(), resumed.toString());
    assertEquals(3, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void retryAfterBeyondTheBudget_stopsWithoutWaiting() throws Exception {
    tcap.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    CliRun r = tcapImport("--credentials-file", credentials.toString(), "--max-retry-seconds", "60");
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("asks to wait 3600 s, beyond the --max-retry-seconds budget of 60 s"), r.err());
  }

  @Test
  void anAnswerOverTheSizeLimit_isRefusedWhole() throws Exception {
    stubTwoPages();
    CliRun r = tcapImport("--credentials-file", credentials.toString(), "--max-response-bytes", "1024");
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("over the limit of 1024 bytes"), r.err());
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void aNextPageOnAnotherHost_isNotFollowed() throws Exception {
    tcap.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(page("http://evil.example/steal", "1704901040.1,1",
        record(1, "PDQ", PDQ, "islamist", false)))));
    CliRun r = tcapImport("--credentials-file", credentials.toString());
    assertEquals(ExitCodes.SERVER, r.status(), r.toString());
    assertTrue(r.err().contains("a \"next\" page on another host (http://evil.example/steal)"), r.err());
    assertEquals(0, ExchangeFixture.entries(node, "acme"));
  }

  @Test
  void noCredentials_isAUsageError() {
    CliRun r = tcapImport();
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("no TCAP credentials"), r.err());
  }
}
