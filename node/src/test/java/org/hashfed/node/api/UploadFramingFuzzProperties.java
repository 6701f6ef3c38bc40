package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hashfed.node.Node;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.config.NodeConfig;

/**
 * The framing of request bodies, fuzzed against a real node on loopback: multipart and raw uploads
 * to {@code /v1/match/file}, multipart to HMA's {@code /h/hash} and JSON to {@code /v1/match}, sent
 * byte for byte over a socket with mutated boundaries and part headers, lying or malformed
 * {@code Content-Length}, truncated bodies, huge header lines, too many parts, chunked encoding
 * edge cases and random byte edits. Every answer is a 2xx, a 4xx or a 503/507 with Retry-After, or
 * the connection is closed, within a bound; never a 500; no temporary file is left in
 * {@code <data>/uploads}; and the node answers {@code /healthz} after each request.
 */
class UploadFramingFuzzProperties {

  private static final Duration BOUND = Duration.ofSeconds(20);
  /** Small, so that bodies over the limit are cheap to send. */
  private static final long FILE_LIMIT = 64 * 1024;
  private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After:");

  private static Path dir;
  private static Node node;
  private static String query;
  private static HttpClient client;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("framing-fuzz");
    // every upload reaches the body handlers: the per-key limit of heavy requests is MatchBudgetTest's
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).maxFileBytes(FILE_LIMIT)
        .match(MatchLimits.of(MatchLimits.DEFAULT_MAX_PER_SIGNAL, MatchLimits.DEFAULT_MAX_PER_RESPONSE,
            MatchLimits.DEFAULT_HEAVY_SIGNALS, 1024)).build());
    node.awaitReady(BOUND);
    try (TestClient http = new TestClient(node.port())) {
      query = PlatformApiTest.keyWith(http, Files.readString(dir.resolve("admin.key")).trim(), "query");
    }
    client = HttpClient.newBuilder().connectTimeout(BOUND).build();
  }

  @AfterContainer
  static void stop() throws IOException {
    node.stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property
  void mutatedFraming_isAnsweredWithoutA500_leavesNoFile_andTheNodeServesOn(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int mutations, @ForAll @IntRange(min = 0, max = 4) int byteEdits)
      throws Exception {
    Random random = new Random(seed);
    Framed request = Framed.valid(random);
    for (int i = 0; i < mutations; i++) {
      request.mutate(random);
    }
    byte[] bytes = request.encode(random);
    for (int i = 0; i < byteEdits; i++) {
      bytes = editBytes(bytes, random);
    }
    String answer = exchange(bytes);
    Matcher status = STATUS_LINE.matcher(answer);
    while (status.find()) {
      int code = Integer.parseInt(status.group(1));
      boolean busy = (code == 503 || code == 507) && RETRY_AFTER.matcher(answer).find();
      assertTrue(code < 500 || busy, "answered " + code + " to " + describe(bytes) + ":\n" + answer);
    }
    try {
      UploadsDir.assertEmptySoon(dir);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " after " + describe(bytes) + "\nanswered:\n" + answer, e);
    }
    HttpResponse<String> health = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.port() + "/healthz")).timeout(BOUND).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), "after " + describe(bytes));
  }

  @Example
  void overflowingChunkSize_onAJsonRoute_isA400NamingIt() throws Exception {
    String answer = exchange(("POST /v1/match HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + query
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n{}\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    assertTrue(answer.contains("the request body could not be read: Chunk size overflow"), answer);
  }

  @Example
  void trailerLineWithoutAColon_onAJsonRoute_isA400NamingIt() throws Exception {
    String answer = exchange(("POST /v1/match HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + query
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    assertTrue(answer.contains("the request body could not be read: No colon found"), answer);
  }

  /**
   * Writes the request, ends the sending half (a body shorter than declared then ends early) and
   * reads whatever the node answers until it closes the connection; a node that does neither
   * within the bound fails.
   */
  private static String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout((int) BOUND.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // the node answered and closed before it read everything: what it answered is still there
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        fail("no answer and no close within " + BOUND + " to " + describe(request) + "; so far: " + answer);
      } catch (IOException reset) {
        // a connection reset after the answer, or instead of one: both are allowed
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static String describe(byte[] request) {
    String text = new String(request, 0, Math.min(request.length, 600), StandardCharsets.ISO_8859_1);
    return request.length + " bytes: " + text.replace("\r", "\\r").replace("\n", "\\n\n")
        + (request.length > 600 ? "..." : "");
  }

  private static byte[] editBytes(byte[] b, Random random) {
    int at = random.nextInt(b.length + 1);
    return switch (random.nextInt(5)) {
      case 0 -> {
        byte[] c = b.clone();
        if (at < c.length) {
          c[at] ^= (byte) (1 << random.nextInt(8));
        }
        yield c;
      }
      case 1 -> splice(b, at, Math.min(b.length - at, 1 + random.nextInt(16)), new byte[0]);
      case 2 -> splice(b, at, 0, pick(random, "\r\n", "\n", "\r", "--", ";", ":", "\0", "\u00e9", " ", "\"")
          .getBytes(StandardCharsets.UTF_8));
      case 3 -> {
        int from = random.nextInt(b.length + 1);
        yield splice(b, at, 0, Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + random.nextInt(64))));
      }
      default -> Arrays.copyOf(b, at);
    };
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] c = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(insert, 0, c, at, insert.length);
    System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
    return c;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** A request as its parts, so that mutations can aim at the framing: headers, boundaries, parts, chunks. */
  private static final class Framed {

    private final String requestLine;
    private final List<String> headers = new ArrayList<>();
    /** The multipart parts, each its header lines and content; empty for a raw or JSON body. */
    private final List<Part> parts = new ArrayList<>();
    private byte[] rawBody;
    private String boundary;
    private boolean closingDelimiter = true;
    private boolean chunked;
    /** Added to the true length in {@code Content-Length}; a lie when not zero. */
    private long lengthLie;
    private String lengthOverride;
    private int truncateBodyTo = -1;
    private String chunkQuirk = "";

    private record Part(List<String> headers, byte[] content) {}

    private Framed(String requestLine) {
      this.requestLine = requestLine;
    }

    static Framed valid(Random random) {
      byte[] file = new byte[1 + random.nextInt(2048)];
      random.nextBytes(file);
      Framed f;
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          boolean hma = random.nextInt(4) == 0;
          f = new Framed("POST " + (hma ? "/h/hash" : "/v1/match/file") + " HTTP/1.1");
          f.boundary = "fuzz-" + Long.toHexString(random.nextLong());
          f.headers.add("Content-Type: multipart/form-data; boundary=" + f.boundary);
          if (random.nextBoolean()) {
            f.parts.add(new Part(new ArrayList<>(List.of("Content-Disposition: form-data; name=\"note\"")),
                "a form field".getBytes(StandardCharsets.US_ASCII)));
          }
          f.parts.add(new Part(new ArrayList<>(List.of("Content-Disposition: form-data; name=\""
              + (hma ? "photo" : "file") + "\"; filename=\"upload.bin\"", "Content-Type: application/octet-stream")),
              file));
        }
        case 2 -> {
          f = new Framed("POST /v1/match/file HTTP/1.1");
          f.headers.add("Content-Type: " + pick(random, "application/octet-stream", "image/jpeg",
              "application/x-www-form-urlencoded"));
          f.rawBody = file;
        }
        default -> {
          f = new Framed("POST /v1/match HTTP/1.1");
          f.headers.add("Content-Type: application/json");
          f.rawBody = ("{\"signals\":[{\"type\":\"md5\",\"value\":\"" + HexFormat.of().formatHex(Arrays.copyOf(file, 16))
              + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        }
      }
      f.headers.add(0, "Host: 127.0.0.1");
      f.headers.add(1, "Authorization: Bearer " + query);
      f.chunked = random.nextInt(3) == 0;
      return f;
    }

    void mutate(Random random) {
      switch (random.nextInt(9)) {
        case 0 -> mutateBoundary(random);
        case 1 -> closingDelimiter = false;
        case 2 -> mutatePartHeaders(random);
        case 3 -> {
          if (random.nextBoolean()) {
            lengthLie = pick(random, -1L, 1L, -100L, 100L, FILE_LIMIT, -(long) random.nextInt(4096));
          } else {
            lengthOverride = pick(random, "abc", "-1", "", " 12", "0x10", "99999999999999999999", "1e3",
                "10, 20");
          }
        }
        case 4 -> truncateBodyTo = random.nextInt(4096);
        case 5 -> headers.add(pick(random, "X-Fuzz: ", "Cookie: ", "Content-Type: multipart/form-data; x=")
            + "a".repeat(pick(random, 5_000, 9_000, 70_000, 300_000)));
        case 6 -> manyParts(random);
        case 7 -> mutateChunking(random);
        default -> headers.add(pick(random, "Expect: 100-continue", "Transfer-Encoding: identity",
            "Transfer-Encoding: gzip, chunked", "Content-Encoding: gzip", "Content-Length: 5",
            "Content-Type: text/plain", "Content-Type: multipart/form-data", "Connection: close"));
      }
    }

    private void mutateBoundary(Random random) {
      if (boundary == null) {
        headers.add("Content-Type: multipart/form-data; boundary=" + pick(random, "x", "", "\"q\""));
        return;
      }
      String header = "Content-Type: multipart/form-data; boundary=";
      headers.removeIf(h -> h.startsWith(header));
      headers.add(header + pick(random, boundary + "x", "\"" + boundary + "\"", "", boundary.substring(1),
          "a".repeat(200), boundary + "; boundary=other", boundary + "\u00e9"));
    }

    private void mutatePartHeaders(Random random) {
      if (parts.isEmpty()) {
        return;
      }
      List<String> h = parts.get(random.nextInt(parts.size())).headers();
      switch (random.nextInt(5)) {
        case 0 -> h.clear();
        case 1 -> h.set(0, pick(random, "Content-Disposition: form-data; name=file; filename=../../../etc/passwd",
            "Content-Disposition: attachment", "Content-Disposition: form-data; filename=\"\u00e9\u2014.bin\"",
            "Content-Disposition: form-data; name=\"file\"; filename=\"", "Content-Disposition form-data"));
        case 2 -> h.add("X-Part: " + "b".repeat(pick(random, 10_000, 100_000)));
        case 3 -> h.add(pick(random, "Content-Transfer-Encoding: base64", "Content-Type: multipart/mixed; boundary=z",
            "Content-Length: 999999"));
        default -> h.add(":");
      }
    }

    private void manyParts(Random random) {
      if (boundary == null) {
        return;
      }
      int n = pick(random, 257, 300, 1000);
      for (int i = 0; i < n; i++) {
        parts.add(new Part(new ArrayList<>(List.of("Content-Disposition: form-data; name=\"f" + i + "\""
            + (random.nextBoolean() ? "; filename=\"f" + i + "\"" : ""))), new byte[] {(byte) i}));
      }
    }

    private void mutateChunking(Random random) {
      chunked = true;
      chunkQuirk = pick(random, "extension", "upper", "zeros", "huge", "short", "noterminator", "trailer",
          "alsolength", "negative", "bare-lf");
    }

    byte[] body() {
      if (rawBody != null) {
        return rawBody;
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (Part p : parts) {
        b.writeBytes(("--" + boundary + "\r\n" + String.join("\r\n", p.headers()) + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(p.content());
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      if (closingDelimiter) {
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      return b.toByteArray();
    }

    byte[] encode(Random random) {
      byte[] body = body();
      List<String> all = new ArrayList<>(headers);
      byte[] sent = body;
      if (chunked) {
        all.add("Transfer-Encoding: chunked");
        if (chunkQuirk.equals("alsolength")) {
          all.add("Content-Length: " + body.length);
        }
        sent = chunk(body, random);
      } else {
        all.add("Content-Length: " + (lengthOverride != null ? lengthOverride : Long.toString(body.length + lengthLie)));
      }
      if (truncateBodyTo >= 0 && truncateBodyTo < sent.length) {
        sent = Arrays.copyOf(sent, truncateBodyTo);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((requestLine + "\r\n" + String.join("\r\n", all) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(sent);
      return out.toByteArray();
    }

    private byte[] chunk(byte[] body, Random random) {
      String eol = chunkQuirk.equals("bare-lf") ? "\n" : "\r\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (at < body.length) {
        int n = Math.min(body.length - at, 1 + random.nextInt(1024));
        String size = switch (chunkQuirk) {
          case "extension" -> Integer.toHexString(n) + ";name=\"v\"";
          case "upper" -> Integer.toHexString(n).toUpperCase(java.util.Locale.ROOT);
          case "zeros" -> "0000" + Integer.toHexString(n);
          case "huge" -> "ffffffffffffffff";
          case "short" -> Integer.toHexString(n + 7);
          case "negative" -> "-" + Integer.toHexString(n);
          default -> Integer.toHexString(n);
        };
        out.writeBytes((size + eol).getBytes(StandardCharsets.US_ASCII));
        out.write(body, at, n);
        out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
        at += n;
      }
      if (!chunkQuirk.equals("noterminator")) {
        out.writeBytes(("0" + eol + (chunkQuirk.equals("trailer") ? "X-Trailer: t" + eol : "") + eol)
            .getBytes(StandardCharsets.US_ASCII));
      }
      return out.toByteArray();
    }
  }
}
