package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16's attack table against a node in a JVM of its own with a small heap ({@value #HEAP_MIB}
 * MiB), one attack at a time: while each is in flight {@code /healthz} and an ordinary
 * {@code GET /v1/match} keep answering, every attack request is answered with what the attack
 * deserves (never a 500), no {@code OutOfMemoryError} is logged, nothing is left in
 * {@code <data>/uploads}, and the node's heap (the most in use after a collection) and resident
 * memory (VmHWM, reset before each attack) stay under the bounds below.
 */
@Tag("slow")
class HostileNodeProcessTest {

  private static final int HEAP_MIB = 256;
  /**
   * The node's resident memory under any attack: its heap, RocksDB, code and threads, with room (about
   * 260 MiB under a hostile image, 380 MiB under the largest match responses, when measured); 40
   * uploads of 32 MiB held in memory, on or off the heap, would be 1,280 MiB of them alone.
   */
  private static final long RSS_BOUND = 512L << 20;
  /** Heap in use after a collection under a hostile image or multipart body: about 20-30 MiB when measured. */
  private static final long SMALL_ATTACK_HEAP = 64L << 20;
  /** Generous: every ordinary answer takes milliseconds on an idle machine. */
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int LISTINGS = 120;

  @TempDir static Path dir;
  static Process process;
  static BufferedReader out;
  static PrintWriter in;
  static int port;
  static String admin;
  static String query;
  static PdqHash base;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
        HostileNodeMain.class.getName(), dir.resolve("data").toString());
    pb.redirectError(dir.resolve("child-stderr.log").toFile());
    process = pb.start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String line;
    while ((line = out.readLine()) != null && !line.equals("READY")) {
      if (line.startsWith("PORT ")) {
        port = Integer.parseInt(line.substring(5).trim());
      } else if (line.startsWith("ADMIN ")) {
        admin = line.substring(6).trim();
      }
    }
    assertEquals("READY", line, "node process exited before READY; stderr: " + log());
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build();
    query = createKey("query");
    Random r = new Random(16);
    base = PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    // each listing differs from the base in 8 bits of its own: all within distance 31 of it
    for (int i = 0; i < LISTINGS; i++) {
      long[] w = base.words();
      for (int b = 0; b < 8; b++) {
        int bit = (i * 8 + b) % 256;
        w[bit / 64] ^= 1L << (bit % 64);
      }
      JsonObject body = new JsonObject()
          .put("signal", new JsonObject().put("type", "pdq").put("value", PdqHash.ofWords(w[0], w[1], w[2], w[3]).toHex())
              .put("quality", 100))
          .put("labels", new JsonArray().add("behavior:glorification"));
      HttpResponse<String> ack = client.send(json("/v1/submissions", admin, body), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, ack.statusCode(), ack.body());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void fortyConcurrentRawUploadsAtTheLimit_streamToDisk_andTheNodeKeepsAnswering() throws Exception {
    long limit = org.hashfed.node.config.NodeConfig.DEFAULT_MAX_FILE_BYTES;
    List<HttpResponse<String>> answers = attack("40 raw uploads of 32 MiB", 40, i -> HttpRequest.newBuilder(
            uri("/v1/match/file")).timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + query)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(limit, i)), limit)).build(),
        r -> r.statusCode() == 200 || busy(r),
        // about 80 MiB when measured: not even four of the 40 bodies
        128L << 20);
    int matched = 0;
    for (HttpResponse<String> r : answers) {
      if (r.statusCode() == 200) {
        JsonObject file = new JsonObject(r.body()).getJsonObject("file");
        assertEquals(limit, file.getLong("bytes"), r.body());
        matched++;
      }
    }
    assertTrue(matched > 0, "no upload of 40 was hashed and matched");
  }

  @Test
  void hugeProgressiveJpegs_eightInFlight_are422() throws Exception {
    imageAttack("65500x65500 progressive JPEG", HostileImages.hugeProgressiveJpeg());
  }

  @Test
  void jpegsOfTwentyThousandScans_eightInFlight_are422() throws Exception {
    imageAttack("JPEG of 20000 scans", HostileImages.manyScanJpeg(20_000));
  }

  @Test
  void tinyLosslessWebpsDeclaring16383x16383_eightInFlight_are422() throws Exception {
    imageAttack("34-byte WebP of 16383x16383", HostileImages.tinyLosslessWebp());
  }

  @Test
  void hugeSixteenBitPngs_eightInFlight_are422() throws Exception {
    imageAttack("16-bit RGBA PNG of 46340x46340", HostileImages.hugeSixteenBitPng());
  }

  @Test
  void sixteenBatchesOfThousandSignals_eachMatchingMoreThanTheCap_answerWithinTheCaps() throws Exception {
    JsonArray signals = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      signals.add(new JsonObject().put("type", "pdq").put("value", base.toHex()));
    }
    JsonObject batch = new JsonObject().put("signals", signals);
    List<HttpResponse<String>> answers = attack("16 batches of 1,000 signals matching 120 listings each", 16,
        i -> json("/v1/match", query, batch), r -> r.statusCode() == 200,
        // 16 responses at the caps (10,000 matches, about 10 MiB of objects each) in flight at once:
        // about 150 MiB when measured; uncapped, the 16 responses of 31.7 MiB would not fit the heap
        200L << 20);
    for (HttpResponse<String> r : answers) {
      JsonObject body = new JsonObject(r.body());
      assertTrue(body.getBoolean("truncated"), "cut at match.max_per_response");
      assertEquals(1000, body.getJsonArray("results").size());
    }
  }

  @Test
  void multipartBodiesOfMoreThan256Parts_are400_andLeaveNoPart() throws Exception {
    String boundary = "hostile-parts";
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
          .append("\"; filename=\"f").append(i).append(".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .append("part ").append(i).append(" of a body that has too many\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    List<HttpResponse<String>> answers = attack("20 multipart bodies of 300 file parts", 20,
        i -> HttpRequest.newBuilder(uri("/v1/match/file")).timeout(BOUND).header("Authorization", "Bearer " + query)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        r -> r.statusCode() == 400, SMALL_ATTACK_HEAP);
    for (HttpResponse<String> r : answers) {
      assertEquals(Problem.TYPE_PREFIX + "invalid-multipart", new JsonObject(r.body()).getString("type"), r.body());
    }
  }

  private static void imageAttack(String name, byte[] image) throws Exception {
    List<HttpResponse<String>> answers = attack("8 " + name + " in flight", 8, i -> HttpRequest.newBuilder(
            uri("/v1/match/file")).timeout(BOUND).header("Authorization", "Bearer " + query)
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
        r -> r.statusCode() == 422 || busy(r), SMALL_ATTACK_HEAP);
    for (HttpResponse<String> r : answers) {
      if (r.statusCode() == 422) {
        assertEquals(Problem.TYPE_PREFIX + "image-limit", new JsonObject(r.body()).getString("type"), r.body());
      }
    }
  }

  /**
   * Sends {@code count} requests at once and, until every one is answered, asks {@code /healthz}
   * and an ordinary match in turn, each of which must answer 200 within {@link #BOUND}; then
   * checks each answer against {@code expected} and the node against the memory bounds
   * ({@code liveHeapBound} for the heap after a collection), its log and its uploads directory.
   */
  private static List<HttpResponse<String>> attack(String name, int count, IntFunction<HttpRequest> request,
      Predicate<HttpResponse<String>> expected, long liveHeapBound) throws Exception {
    memory();
    Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
    int probes = 0;
    do {
      HttpResponse<String> health = client.send(get("/healthz", null), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), name + ": /healthz " + health.body());
      HttpResponse<String> match = client.send(get("/v1/match?type=pdq&value=" + base.toHex()
          + "&max_matches_per_signal=1", query), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, match.statusCode(), name + ": GET /v1/match " + match.body());
      probes++;
    } while (!all.isDone());
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : inFlight) {
      HttpResponse<String> r = f.get(5, TimeUnit.MINUTES);
      assertTrue(expected.test(r), name + ": unexpected answer " + r.statusCode() + " " + r.body());
      answers.add(r);
    }
    long[] heap = memory();
    long rss = peakRss();
    System.out.printf("%s: %d probes answered; node heap after collections at most %d MiB (peak %d MiB), "
        + "peak RSS %d MiB%n", name, probes, heap[0] >> 20, heap[1] >> 20, rss >> 20);
    assertTrue(heap[0] < liveHeapBound, name + ": " + heap[0] + " bytes of heap in use after a collection");
    assertTrue(rss < RSS_BOUND, name + ": peak resident memory " + rss + " bytes");
    assertTrue(process.isAlive(), name + ": the node process died; stderr: " + log());
    assertFalse(log().contains("OutOfMemoryError"), name + ": the node ran out of memory: " + log());
    UploadsDir.assertEmptySoon(dir.resolve("data"));
    return answers;
  }

  private static boolean busy(HttpResponse<String> r) {
    return (r.statusCode() == 503 || r.statusCode() == 429) && r.headers().firstValue("Retry-After").isPresent();
  }

  /** Asks the node for its heap use since the last call: {live after collections, peak}. */
  private static long[] memory() throws IOException {
    in.println("MEMORY");
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("MEMORY "), "node's answer to MEMORY: " + line + "; stderr: " + log());
    String[] parts = line.split(" ");
    return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
  }

  /** The node's peak resident set since the last reset, from its {@code VmHWM}. */
  private static long peakRss() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.substring(6).replace("kB", "").trim()) << 10;
      }
    }
    throw new AssertionError("no VmHWM in /proc/" + process.pid() + "/status");
  }

  private static String log() throws IOException {
    return Files.readString(dir.resolve("child-stderr.log"));
  }

  private static String createKey(String role) throws Exception {
    HttpResponse<String> r = client.send(json("/v1/admin/api-keys", admin, new JsonObject().put("role", role)),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("key");
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpRequest get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(BOUND).GET();
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.build();
  }

  private static HttpRequest json(String path, String key, JsonObject body) {
    return HttpRequest.newBuilder(uri(path)).timeout(BOUND).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
  }

  /** {@code length} bytes of a pattern of its own per {@code seed}, made as they are read: nothing is buffered. */
  private static final class PatternStream extends InputStream {

    private final byte[] block = new byte[64 * 1024];
    private long left;
    private int pos;

    PatternStream(long length, int seed) {
      new Random(seed).nextBytes(block);
      this.left = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, left), block.length - pos);
      System.arraycopy(block, pos, b, off, n);
      pos = (pos + n) % block.length;
      left -= n;
      return n;
    }
  }
}
