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
 * after a restart on the same data, every acknowledged entry is there, matchable and intact.
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
}
