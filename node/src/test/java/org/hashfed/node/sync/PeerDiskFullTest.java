package org.hashfed.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.node.Await;
import org.hashfed.node.TmpfsChild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk on the receiving end of the peer port, for real: acme and beta run in a JVM of their
 * own, beta's data on a 64 MiB tmpfs mounted in a user and mount namespace of the child's own
 * ({@code unshare}, no root needed), the technique of {@code DiskFullTest}. With beta's disk
 * full, acme's pushes are answered 507 {@code store-full}, which acme takes as busy: beta's score
 * does not drop and the refused entries go back to acme's queue. Anti-entropy runs once an hour
 * and the refused entry is acme's last (no later one shows beta a gap to fetch), so once the space
 * is freed only the requeued push can bring it over.
 */
@Tag("slow")
class PeerDiskFullTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // far more than a preallocated WAL block holds, few enough to fail fast if no write ever fails
  private static final int MAX_PREALLOCATED_WRITES = 20_000;
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Integer> ports = new HashMap<>();
  private final Map<String, String> admins = new HashMap<>();
  private Process process;
  private BufferedReader out;
  private PrintWriter in;

  @AfterEach
  void stop() throws Exception {
    TmpfsChild.stop(process);
  }

  private void launch() throws Exception {
    Path root = Files.createDirectory(dir.resolve("consortium"));
    process = TmpfsChild.start(root.resolve("beta"), "384m", PeerDiskFullMain.class, root, dir.resolve("child-stderr.log"));
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String line;
    while ((line = out.readLine()) != null && !line.equals("READY")) {
      String[] words = line.split(" ");
      if (words[0].equals("PORT")) {
        ports.put(words[1], Integer.parseInt(words[2]));
      } else if (words[0].equals("ADMIN")) {
        admins.put(words[1], words[2]);
      }
    }
    assertEquals("READY", line, "nodes' process exited before READY; stderr: " + stderr());
  }

  private void command(String command, String answer) throws IOException {
    in.println(command);
    assertEquals(answer, out.readLine(), "child's answer to " + command + "; stderr: " + stderr());
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("child-stderr.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> call(String member, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(member) + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admins.get(member));
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Submits an md5 at acme; returns its entry id. */
  private String submit(String md5) throws IOException {
    HttpResponse<String> r = call("acme", "POST", "/v1/submissions", "{\"signal\":{\"type\":\"md5\",\"value\":\""
        + md5 + "\"},\"labels\":[\"behavior:glorification\"]}");
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("entry_id").asText();
  }

  private static String md5(int i) {
    return String.format("%032x", 0xfee1f000L + i);
  }

  private boolean matchableAtBeta(String md5) {
    HttpResponse<String> r = call("beta", "GET", "/v1/match?type=md5&value=" + md5, null);
    assertEquals(200, r.statusCode(), r.body());
    try {
      return !JSON.readTree(r.body()).get("results").get(0).get("matches").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int betaReadyz() {
    return call("beta", "GET", "/readyz", null).statusCode();
  }

  /** One node's local score of the other, from its {@code /metrics}. */
  private double score(String of, String peer) {
    String series = "hashfed_peer_score{peer=\"" + peer + "\"} ";
    String metrics = call(of, "GET", "/metrics", null).body();
    return metrics.lines().filter(l -> l.startsWith(series)).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length()).trim()))
        .orElseThrow(() -> new AssertionError("no " + series + "in the metrics of " + of + ": " + metrics));
  }

  @Test
  void receiversDiskFull_pushesAre507_theSenderWaitsWithoutBlame_andWhenSpaceReturnsEveryEntryLands() throws Exception {
    assumeTrue(TmpfsChild.namespacesAvailable(), "unprivileged user and mount namespaces are unavailable here"
        + " (unshare --user --map-root-user --mount): the test needs them to mount a small tmpfs");
    launch();
    int next = 0;
    submit(md5(next));
    String first = md5(next++);
    Await.until(BOUND, () -> matchableAtBeta(first), () -> "the first entry never reached beta");
    double acmeOfBeta = score("acme", "beta");
    double betaOfAcme = score("beta", "acme");

    command("FILL", "FILLED");
    // one entry at a time: beta's preallocated WAL takes some still, and the first it cannot store
    // is refused with a 507 and is the last acme has, so no later entry shows beta a gap to fetch
    List<String> acked = new ArrayList<>();
    do {
      assertTrue(next < MAX_PREALLOCATED_WRITES, "beta's writes never failed after " + next + " entries");
      String md5 = md5(next++);
      submit(md5);
      acked.add(md5);
      Await.until(BOUND, () -> matchableAtBeta(md5) || betaReadyz() != 200,
          () -> md5 + " neither reached beta nor failed there");
    } while (betaReadyz() == 200);
    String refused = acked.get(acked.size() - 1);
    HttpResponse<String> ready = call("beta", "GET", "/readyz", null);
    assertEquals(503, ready.statusCode(), ready.body());
    JsonNode problem = JSON.readTree(ready.body());
    assertEquals("urn:hashfed:problem:writes-failing", problem.get("type").asText(), ready.body());
    Await.until(BOUND, () -> stderr().lines().anyMatch(l -> l.contains("to beta failed: HTTP 507")
        && l.contains("store-full")), () -> "acme saw no 507 store-full from beta; stderr: " + stderr());
    assertTrue(score("acme", "beta") >= acmeOfBeta, "acme blamed beta for its full disk: " + score("acme", "beta")
        + " < " + acmeOfBeta);
    assertFalse(matchableAtBeta(refused), "the refused entry was stored on a full disk");

    command("FREE", "FREED");
    // beta notices the space within seconds; acme pushes again once the 10 s beta asked for have passed
    Await.until(Duration.ofSeconds(120), () -> acked.stream().allMatch(this::matchableAtBeta),
        () -> acked.stream().filter(m -> !matchableAtBeta(m)).count() + " of " + acked.size()
            + " entries never reached beta after the space was freed");
    assertEquals(200, betaReadyz());
    assertTrue(score("acme", "beta") >= acmeOfBeta, "acme's score of beta dropped: " + score("acme", "beta"));
    assertTrue(score("beta", "acme") >= betaOfAcme, "beta's score of acme dropped: " + score("beta", "acme"));
  }
}
