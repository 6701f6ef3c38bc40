package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a node in its own JVM takes submissions in a loop and is killed with SIGKILL;
 * after a restart on the same data, every acknowledged entry is there, matchable and intact. The
 * same holds for a node that starts from its start-up snapshot and replays only what came after
 * it, and for one whose snapshot is corrupt.
 */
@Tag("slow")
class NodeCrashTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private record Child(Process process, int port) {}

  private Child launch() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        NodeProcessMain.class.getName(), dir.toString());
    pb.redirectError(dir.resolve("child-stderr.log").toFile());
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        port = Integer.parseInt(line.substring(5).trim());
      } else if (line.equals("READY")) {
        return new Child(p, port);
      }
    }
    throw new AssertionError("node process exited before READY; stderr: "
        + Files.readString(dir.resolve("child-stderr.log")));
  }

  private HttpResponse<String> call(int port, String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + key);
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sigkill_duringSubmissions_losesNoAcknowledgedEntry() throws Exception {
    Child first = launch();
    String key = Files.readString(dir.resolve("admin.key")).trim();
    Map<String, String> acked = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread submitter = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        String md5 = String.format("%032x", 0x5eed0000L + i);
        String body = "{\"signal\":{\"type\":\"md5\",\"value\":\"" + md5 + "\"},\"labels\":[\"behavior:glorification\"]}";
        try {
          HttpResponse<String> r = call(first.port(), "POST", "/v1/submissions", key, body);
          if (r.statusCode() == 201) {
            acked.put(JSON.readTree(r.body()).get("entry_id").asText(), md5);
          }
        } catch (Exception e) {
          return;
        }
      }
    });
    submitter.start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (acked.size() < 60 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
    stop.set(true);
    submitter.join(15_000);
    assertTrue(acked.size() >= 60, "only " + acked.size() + " submissions were acknowledged");

    Child second = launch();
    try {
      var publicKey = KeyFiles.readPrivateKey(dir.resolve("member.key")).publicKey();
      for (Map.Entry<String, String> e : acked.entrySet()) {
        HttpResponse<String> entry = call(second.port(), "GET", "/v1/entries/" + e.getKey(), key, null);
        assertEquals(200, entry.statusCode(), "acknowledged entry " + e.getKey() + " lost: " + entry.body());
        JsonNode view = JSON.readTree(entry.body());
        assertEquals("active", view.get("status").asText());
        SignedEntry verified = SignedEntry.verify(JSON.writeValueAsBytes(view.get("envelope")), publicKey);
        assertEquals(e.getKey(), verified.id().hex());
        assertEquals(e.getValue(), ((Submit) verified.entry().body()).signal().value());

        JsonNode match = JSON.readTree(call(second.port(), "GET", "/v1/match?type=md5&value=" + e.getValue(), key,
            null).body());
        List<String> ids = match.get("results").get(0).get("matches").findValuesAsText("entry_id");
        assertEquals(List.of(e.getKey()), ids);
      }
      HttpResponse<String> more = call(second.port(), "POST", "/v1/submissions", key,
          "{\"signal\":{\"type\":\"md5\",\"value\":\"" + "f".repeat(32) + "\"},\"labels\":[\"behavior:glorification\"]}");
      assertEquals(201, more.statusCode(), more.body());
      assertTrue(JSON.readTree(more.body()).get("seq").asLong() > acked.size());
    } finally {
      second.process().destroy();
      second.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private String submitMd5(int port, String key, String md5) throws Exception {
    HttpResponse<String> r = call(port, "POST", "/v1/submissions", key,
        "{\"signal\":{\"type\":\"md5\",\"value\":\"" + md5 + "\"},\"labels\":[\"behavior:glorification\"]}");
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("entry_id").asText();
  }

  private List<String> md5Matches(int port, String key, String md5) throws Exception {
    JsonNode match = JSON.readTree(call(port, "GET", "/v1/match?type=md5&value=" + md5, key, null).body());
    return match.get("results").get(0).get("matches").findValuesAsText("entry_id");
  }

  private void assertHolds(Child child, String key, Map<String, String> active, String retractedId,
      String retractedMd5) throws Exception {
    for (Map.Entry<String, String> e : active.entrySet()) {
      HttpResponse<String> entry = call(child.port(), "GET", "/v1/entries/" + e.getKey(), key, null);
      assertEquals(200, entry.statusCode(), "acknowledged entry " + e.getKey() + " lost: " + entry.body());
      assertEquals("active", JSON.readTree(entry.body()).get("status").asText());
      assertEquals(List.of(e.getKey()), md5Matches(child.port(), key, e.getValue()));
    }
    HttpResponse<String> retracted = call(child.port(), "GET", "/v1/entries/" + retractedId, key, null);
    assertEquals("retracted", JSON.readTree(retracted.body()).get("status").asText());
    assertEquals(List.of(), md5Matches(child.port(), key, retractedMd5), "a retracted submission does not match");
  }

  private void stopCleanly(Child child) throws Exception {
    child.process().destroy();
    assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
  }

  @Test
  void sigkill_afterAStartFromTheSnapshot_losesNothing_andACorruptSnapshotReplaysEverything() throws Exception {
    Child first = launch();
    String key = Files.readString(dir.resolve("admin.key")).trim();
    Map<String, String> active = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      String md5 = String.format("%032x", 0xa000L + i);
      active.put(submitMd5(first.port(), key, md5), md5);
    }
    stopCleanly(first);
    Path snapshot = dir.resolve("store.snapshot");
    assertTrue(Files.exists(snapshot), "a clean stop writes the start-up snapshot");

    Child second = launch();
    assertTrue(Files.readString(dir.resolve("child-stderr.log")).contains("from the start-up snapshot and 0 entries"),
        "the restart after a clean stop replays nothing but the snapshot");
    for (int i = 0; i < 20; i++) {
      String md5 = String.format("%032x", 0xb000L + i);
      active.put(submitMd5(second.port(), key, md5), md5);
    }
    // a submission the snapshot covers, retracted after it
    String retractedId = active.keySet().iterator().next();
    String retractedMd5 = active.remove(retractedId);
    HttpResponse<String> retract = call(second.port(), "POST", "/v1/entries/" + retractedId + "/retract", key,
        "{\"reason\":\"false_positive\"}");
    assertEquals(201, retract.statusCode(), retract.body());
    second.process().destroyForcibly();
    assertTrue(second.process().waitFor(10, TimeUnit.SECONDS));

    Child third = launch();
    try {
      assertTrue(Files.readString(dir.resolve("child-stderr.log")).contains("from the start-up snapshot and 21 entries"),
          "the restart reads the snapshot and replays the 21 entries after it");
      assertHolds(third, key, active, retractedId, retractedMd5);
    } finally {
      third.process().destroyForcibly();
      assertTrue(third.process().waitFor(10, TimeUnit.SECONDS));
    }

    // a corrupt snapshot (one byte flipped in the middle): ignored with a warning, full replay, same state
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(snapshot, bytes);
    Child fourth = launch();
    try {
      String log = Files.readString(dir.resolve("child-stderr.log"));
      assertTrue(log.contains("ignoring the start-up snapshot"), log);
      assertTrue(log.contains("rebuilt indexes from 41 entries"), log);
      assertHolds(fourth, key, active, retractedId, retractedMd5);
    } finally {
      fourth.process().destroyForcibly();
      assertTrue(fourth.process().waitFor(10, TimeUnit.SECONDS));
    }
  }
}
