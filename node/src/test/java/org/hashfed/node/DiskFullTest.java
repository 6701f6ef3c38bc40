package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: a node in its own JVM keeps its store on a 64 MiB tmpfs mounted in a
 * user and mount namespace of its own ({@code unshare}, no root needed), which the test fills and
 * frees. Writes answer 507 {@code store-full} and change nothing, {@code /readyz} says writes are
 * failing, matches still work, and once space is freed writes resume without a restart and with
 * every acknowledged entry kept, across a restart too.
 */
@Tag("slow")
class DiskFullTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // far more than a preallocated WAL block holds, few enough to fail fast if no write ever fails
  private static final int MAX_PREALLOCATED_WRITES = 20_000;

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private BufferedReader out;
  private PrintWriter in;
  private int port;
  private String admin;

  @AfterEach
  void stop() throws Exception {
    TmpfsChild.stop(process);
  }

  private void launch() throws Exception {
    Path mount = dir.resolve("mnt");
    process = TmpfsChild.start(mount, "256m", DiskFullNodeMain.class, mount, dir.resolve("child-stderr.log"));
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    awaitReady();
    assertNotNull(admin, "the first start prints the admin key");
  }

  private void awaitReady() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        port = Integer.parseInt(line.substring(5).trim());
      } else if (line.startsWith("ADMIN ")) {
        admin = line.substring(6).trim();
      } else if (line.equals("READY")) {
        return;
      }
    }
    throw new AssertionError("node process exited before READY; stderr: " + stderr());
  }

  private void command(String command, String answer) throws IOException {
    in.println(command);
    String line = out.readLine();
    assertEquals(answer, line, "child's answer to " + command + "; stderr: " + stderr());
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("child-stderr.log"));
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + admin);
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> submit(String md5) throws Exception {
    return call("POST", "/v1/submissions", "{\"signal\":{\"type\":\"md5\",\"value\":\"" + md5
        + "\"},\"labels\":[\"behavior:glorification\"]}");
  }

  private static String md5(int i) {
    return String.format("%032x", 0xd15cf000L + i);
  }

  private List<String> matches(String md5) throws Exception {
    HttpResponse<String> r = call("GET", "/v1/match?type=md5&value=" + md5, null);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("results").get(0).get("matches").findValuesAsText("entry_id");
  }

  private int readyz() throws Exception {
    return call("GET", "/readyz", null).statusCode();
  }

  @Test
  void fullDisk_writesAre507_readyzSaysSo_matchesWork_andWritesResumeWhenSpaceIsFreed() throws Exception {
    assumeTrue(TmpfsChild.namespacesAvailable(), "unprivileged user and mount namespaces are unavailable here"
        + " (unshare --user --map-root-user --mount): the disk-full test needs them to mount a small tmpfs");
    launch();
    Map<String, String> acked = new LinkedHashMap<>();
    int next = 0;
    for (; next < 5; next++) {
      HttpResponse<String> r = submit(md5(next));
      assertEquals(201, r.statusCode(), r.body());
      acked.put(md5(next), JSON.readTree(r.body()).get("entry_id").asText());
    }
    assertEquals(200, readyz());

    command("FILL", "FILLED");
    // RocksDB preallocates its WAL: writes that fit in it still succeed, the first beyond it fails
    HttpResponse<String> refused = submit(md5(next));
    while (refused.statusCode() == 201) {
      assertTrue(next < MAX_PREALLOCATED_WRITES, "no write failed on a full disk after " + next + " submissions");
      acked.put(md5(next), JSON.readTree(refused.body()).get("entry_id").asText());
      refused = submit(md5(++next));
    }
    String refusedMd5 = md5(next++);
    assertEquals(507, refused.statusCode(), refused.body());
    JsonNode problem = JSON.readTree(refused.body());
    assertEquals("urn:hashfed:problem:store-full", problem.get("type").asText());
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertEquals(507, submit(md5(next)).statusCode(), "still full");
    HttpResponse<String> ready = call("GET", "/readyz", null);
    assertEquals(503, ready.statusCode(), ready.body());
    assertEquals("urn:hashfed:problem:writes-failing", JSON.readTree(ready.body()).get("type").asText());
    assertEquals(List.of(acked.get(md5(0))), matches(md5(0)), "matches are answered while writes fail");
    assertEquals(List.of(), matches(refusedMd5), "the refused submission changed nothing");
    assertTrue(call("GET", "/metrics", null).body().contains("hashfed_store_writes_failing 1"));

    command("FREE", "FREED");
    Await.until(Duration.ofSeconds(60), () -> {
      try {
        return readyz() == 200;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, () -> "writes did not resume after the space was freed");
    String afterMd5 = md5(++next);
    HttpResponse<String> resumed = submit(afterMd5);
    assertEquals(201, resumed.statusCode(), resumed.body());
    acked.put(afterMd5, JSON.readTree(resumed.body()).get("entry_id").asText());

    in.println("RESTART");
    awaitReady();
    for (Map.Entry<String, String> e : acked.entrySet()) {
      assertEquals(List.of(e.getValue()), matches(e.getKey()), "acknowledged entry " + e.getValue() + " after the restart");
    }
    assertEquals(List.of(), matches(refusedMd5));
    assertEquals(201, submit(md5(++next)).statusCode());
  }
}
