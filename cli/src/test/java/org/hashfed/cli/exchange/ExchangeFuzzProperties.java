package org.hashfed.cli.exchange;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * The inputs of the import connectors, mutated from valid ones and made of arbitrary bytes: the
 * pytx {@code local_file}, {@code dataset --csv} and HMA bank files read by {@link FileSource}, and
 * the TCAP and ThreatExchange pages read by {@link TcapSource} and {@link ThreatExchangeSource}
 * from a real HTTP server on loopback. Each gives pages, whose skipped records say why, or a
 * {@link CommandError} with a message: never another exception, never a hang.
 */
class ExchangeFuzzProperties {

  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  private static final String MD5 = "d41d8cd98f00b204e9800998ecf8427e";
  private static final String VPDQ = "[\"" + PDQ + ",100,0.0\", \"" + PDQ + ",90,1.0\"]";

  /** A valid file of each {@link FileFormat}, in its order. */
  private static final List<String> FILES = List.of(
      "pdq " + PDQ + "\nvideo_md5 " + MD5 + "\n# a comment\n\nvpdq " + VPDQ + "\nvideo_sha256 " + "ab".repeat(32) + "\n",
      "signal_type,signal_str,collab,category,tags\r\npdq," + PDQ + ",Sample Collab,POSITIVE_CLASS,"
          + "behavior:propaganda Christchurch\r\nvideo_md5," + MD5 + ",Sample Collab,NEGATIVE_CLASS,\r\n",
      "{\"id\": 7, \"disable_until_ts\": 1, \"bank\": {\"name\": \"TCAP_IMPORT\"}, \"signals\": {\"pdq\": \"" + PDQ
          + "\", \"video_md5\": \"" + MD5 + "\"}, \"metadata\": {\"json\": {\"labels\": [\"behavior:glorification\"]}}}\n"
          + "{\"id\": 8, \"disable_until_ts\": 0, \"bank\": {\"name\": \"B\"}, \"signals\": {\"vpdq\": "
          + "\"[\\\"" + PDQ + ",100,0.0\\\"]\"}}\n");

  private static final String TCAP_PAGE = "{\"count\": 2, \"next\": \"/api/hash-list/v2/all?after=2\", \"previous\": null,"
      + " \"checkpoint\": \"1704901040.2,2\", \"results\": [{\"hash_digest\": \"" + PDQ + "\", \"algorithm\": \"PDQ\","
      + " \"ideology\": \"violent_extremism\", \"file_type\": \"jpg\", \"deleted\": false, \"updated_on\": 1704901040.2,"
      + " \"id\": 1}, {\"hash_digest\": \"" + MD5 + "\", \"algorithm\": \"MD5\", \"ideology\": \"all\", \"deleted\": true,"
      + " \"id\": \"2\"}]}";

  private static final String TE_PAGE = "{\"data\": [{\"id\": \"11\", \"indicator\": \"" + PDQ + "\", \"type\": "
      + "\"HASH_PDQ\", \"last_updated\": 1700000100, \"should_delete\": false, \"descriptors\": {\"data\": [{\"id\": "
      + "\"1011\", \"owner\": {\"id\": \"616912251743987\"}, \"status\": \"MALICIOUS\", \"added_on\": "
      + "\"2026-07-01T18:31:15+0000\", \"tags\": {\"data\": [{\"text\": \"terrorism\"}, {\"text\": "
      + "\"behavior:glorification\"}]}}]}}, {\"id\": 12, \"indicator\": \"" + MD5 + "\", \"type\": \"HASH_VIDEO_MD5\", "
      + "\"last_updated\": \"1700000200\", \"should_delete\": true}], \"paging\": {\"cursors\": {\"before\": \"b\", "
      + "\"after\": \"a\"}, \"next\": \"/v21.0/g/threat_updates/?after=a\"}}";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Values put in place of a field or element: each JSON type, and the edges of numbers and strings. */
  private static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "1e400",
      "99999999999999999999999", "\"\"", "\"x\"", "\"-1\"", "\"99999999999999999999\"", "\"" + PDQ + "\"",
      "\"PDQ\"", "\"HASH_PDQ\"", "\"1704901040.2,2\"", "\"http://elsewhere.example/\"", "\"/relative?x=1\"",
      "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[null]", "{\"data\": [{}]}", "[{\"text\": 1}]");

  private static final AtomicReference<byte[]> ANSWER = new AtomicReference<>(new byte[0]);
  private static HttpServer server;
  private static URI base;

  @BeforeContainer
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // every request gets the page under test, whatever it asks for
    server.createContext("/", exchange -> {
      byte[] body = ANSWER.get();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0/");
  }

  @AfterContainer
  static void stop() {
    server.stop(0);
  }

  private static ItemFactory items() {
    return new ItemFactory("fuzz", List.of(), 80);
  }

  /** Reads every page of {@code source}, checking that each skipped record says why; the number of items. */
  private static int readAll(Source source) throws CommandError {
    int items = 0;
    try (source) {
      for (Optional<SourcePage> page = source.next(); page.isPresent(); page = source.next()) {
        for (SourcePage.Malformed m : page.get().malformed()) {
          assertFalse(m.reason() == null || m.reason().isBlank(), "no reason for " + m.record());
        }
        items += page.get().items().size();
      }
    }
    return items;
  }

  private static void importFile(int format, byte[] bytes) throws IOException {
    Path file = Files.createTempFile("exchange-fuzz", ".txt");
    try {
      Files.write(file, bytes);
      Fuzz.parse(bytes, () -> readAll(FileSource.open(file, FileFormat.values()[format], items(), Map.of(), false)),
          CommandError.class);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** One page of each exchange, as the answer of the loopback server; a page's {@code next} link is not followed. */
  private static void importPage(boolean tcap, byte[] page) {
    ANSWER.set(page);
    SourceHttp http = new SourceHttp(tcap ? "TCAP" : "ThreatExchange", 1 << 20, 0, Duration.ZERO);
    Source source = tcap
        ? new TcapSource(http, base, TcapSource.Auth.token("jwt"), "all", 100, Optional.empty(), items())
        : new ThreatExchangeSource(http, base, "token", "g", 100, Optional.empty(), items());
    Fuzz.parse(page, source::next, CommandError.class);
  }

  /**
   * {@code json} with {@code edits} edits chosen by {@code seed}, each on a field or element anywhere
   * in it: removed, or its value replaced by one of {@link #VALUES}. Unlike byte mutations these keep
   * the JSON well-formed, so they reach the record checks behind the parser.
   */
  private static String mutateTree(String json, long seed, int edits) throws IOException {
    Random random = new Random(seed);
    JsonNode root = MAPPER.readTree(json);
    for (int i = 0; i < edits; i++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode c = containers.get(random.nextInt(containers.size()));
      if (c.isEmpty()) {
        continue;
      }
      JsonNode value = MAPPER.readTree(VALUES.get(random.nextInt(VALUES.size())));
      boolean remove = random.nextInt(3) == 0;
      if (c instanceof ObjectNode o) {
        String field = new ArrayList<>(o.properties()).get(random.nextInt(o.size())).getKey();
        if (remove) {
          o.remove(field);
        } else {
          o.set(field, value);
        }
      } else if (c instanceof ArrayNode a) {
        int at = random.nextInt(a.size());
        if (remove) {
          a.remove(at);
        } else {
          a.set(at, value);
        }
      }
    }
    return MAPPER.writeValueAsString(root);
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  @Property
  void importFile_ofMutatedFiles_givesPagesOrACommandError(@ForAll @IntRange(max = 2) int format,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int edits) throws IOException {
    importFile(format, Fuzz.mutate(FILES.get(format).getBytes(StandardCharsets.UTF_8), seed, edits));
  }

  @Property
  void importFile_ofArbitraryBytes_givesPagesOrACommandError(@ForAll @IntRange(max = 2) int format,
      @ForAll @Size(max = 400) byte[] bytes) throws IOException {
    importFile(format, bytes);
  }

  @Property
  void exchangePage_mutated_givesAPageOrACommandError(@ForAll boolean tcap, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    importPage(tcap, Fuzz.mutate((tcap ? TCAP_PAGE : TE_PAGE).getBytes(StandardCharsets.UTF_8), seed, edits));
  }

  @Property
  void exchangePage_withFieldsRemovedOrRetyped_givesAPageOrACommandError(@ForAll boolean tcap, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int edits) throws IOException {
    importPage(tcap, mutateTree(tcap ? TCAP_PAGE : TE_PAGE, seed, edits).getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void hmaFile_withFieldsRemovedOrRetyped_givesPagesOrACommandError(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int edits) throws IOException {
    StringBuilder file = new StringBuilder();
    for (String line : FILES.get(FileFormat.HMA.ordinal()).split("\n")) {
      file.append(mutateTree(line, seed++, edits)).append('\n');
    }
    importFile(FileFormat.HMA.ordinal(), file.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void exchangePage_ofArbitraryBytes_givesAPageOrACommandError(@ForAll boolean tcap,
      @ForAll @Size(max = 400) byte[] bytes) {
    importPage(tcap, bytes);
  }
}
