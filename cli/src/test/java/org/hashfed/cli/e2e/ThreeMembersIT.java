package org.hashfed.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product as a user meets it: three {@code hashfed node} processes of the real jar form a
 * consortium with the CLI, and a hash is submitted, matched elsewhere, disputed and retracted, all
 * with {@code hashfed} commands.
 */
@Tag("slow")
class ThreeMembersIT {

  private static final List<String> MEMBERS = List.of("acme", "beta", "gamma");
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  @TempDir Path root;

  private final Map<String, Process> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> apiPorts = new LinkedHashMap<>();
  private HashfedJar hashfed;

  @AfterEach
  void stopNodes() {
    nodes.values().forEach(HashfedJar::stop);
  }

  @Test
  void consortiumFormedWithTheCli_sharesMatchesDisputesAndRetractsAHash() throws Exception {
    hashfed = new HashfedJar(HashfedJar.built(), root);
    Path image = example("bridge.jpg");
    Path copy = example("bridge-resized.jpg");

    formConsortium();
    for (String m : MEMBERS) {
      nodes.put(m, hashfed.start(root.resolve(m + ".log"), "node", "--config", m + ".yaml"));
    }
    for (String m : MEMBERS) {
      awaitReady(m);
      String key = hashfed.run("keys", "create", "--role", "submit", "--label", "e2e analyst", "--node", url(m),
          "--admin-key-file", m + "/admin.key").ok().out().strip();
      Files.writeString(root.resolve(m + "/analyst.key"), key + "\n");
    }

    JsonNode submitted = hashfed.run(staff("submit", "acme", "--label", "behavior:glorification", "--json",
        image.toString())).ok().json().path("submitted");
    assertEquals(3, submitted.size(), "md5, sha256 and pdq submitted: " + submitted);
    String pdqEntry = entryOf(submitted, "pdq");

    for (String m : List.of("beta", "gamma")) {
      JsonNode match = awaitMatch(m, copy, pdqEntry, x -> true);
      assertEquals("acme", match.path("member").asText());
      assertTrue(match.path("distance").asInt() > 0 && match.path("distance").asInt() <= 31,
          "the resized copy is near, not equal: " + match);
    }
    double before = awaitMatch("gamma", copy, pdqEntry, x -> true).path("confidence").asDouble();

    hashfed.run(staff("disagree", "beta", pdqEntry, "--reason", "false_positive", "--note", "news footage")).ok();
    JsonNode disputed = awaitMatch("gamma", copy, pdqEntry, x -> x.path("disputes").asInt() == 1);
    assertTrue(disputed.path("confidence").asDouble() < before, "a dispute lowers gamma's confidence: " + disputed);
    assertTrue(hashfed.run(staff("entry", "acme", "show", pdqEntry)).ok().out().contains("1 disagree"));

    for (JsonNode s : submitted) {
      hashfed.run(staff("retract", "acme", s.path("entry_id").asText(), "--reason", "false_positive")).ok();
    }
    for (String m : MEMBERS) {
      awaitNoMatch(m, image);
      awaitNoMatch(m, copy);
    }
    hashfed.run("audit", "verify", "--node", url("gamma"), "--audit-key-file", "gamma/admin.key").ok();
  }

  private void formConsortium() throws IOException, InterruptedException {
    List<String> founders = new ArrayList<>();
    for (String m : MEMBERS) {
      int api = HashfedJar.freePort();
      int peer = HashfedJar.freePort();
      apiPorts.put(m, api);
      Files.writeString(root.resolve(m + ".yaml"), String.join("\n",
          "member: " + m,
          "data: " + m,
          "roster: ../roster.json",
          "http: {host: 127.0.0.1, port: " + api + "}",
          "peer: {host: 127.0.0.1, port: " + peer + "}",
          "sync: {anti_entropy_ms: 500}",
          "limits: {worker_threads: 2}", ""));
      hashfed.run("member", "init", "--config", m + ".yaml").ok();
      hashfed.run("member", "export", "--key", m + "/member.key", "--id", m, "--name", m.toUpperCase(),
          "--peer-url", "https://127.0.0.1:" + peer, "--tls-cert", m + "/tls.crt", "--out", m + ".member.json").ok();
      founders.add("--founder");
      founders.add(m + ".member.json");
    }
    List<String> init = new ArrayList<>(List.of("consortium", "init", "--name", "e2e", "--key", "acme/member.key",
        "--out", "roster.json"));
    init.addAll(founders);
    hashfed.run(init.toArray(String[]::new)).ok();
    hashfed.run("consortium", "sign", "--key", "beta/member.key", "--in", "roster.json").ok();
    hashfed.run("consortium", "sign", "--key", "gamma/member.key", "--in", "roster.json").ok();
  }

  private String[] staff(String command, String member, String... rest) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of(rest));
    args.addAll(List.of("--node", url(member), "--api-key-file", member + "/analyst.key"));
    return args.toArray(String[]::new);
  }

  private String url(String member) {
    return "http://127.0.0.1:" + apiPorts.get(member);
  }

  private JsonNode awaitMatch(String member, Path file, String entry, Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    HashfedJar.Result last = null;
    while (System.nanoTime() < deadline) {
      last = hashfed.run(staff("match", member, "--json", file.toString()));
      if (last.status() == 0) {
        for (JsonNode r : last.json().path("results")) {
          for (JsonNode m : r.path("matches")) {
            if (entry.equals(m.path("entry_id").asText()) && wanted.test(m)) {
              return m;
            }
          }
        }
      }
      Thread.sleep(200);
    }
    String answer = last == null ? "none" : last.status() + " " + last.out() + last.err();
    return fail("entry " + entry + " not matched as expected on " + member + " within " + PROPAGATION.toSeconds()
        + " s; last answer: " + answer + nodeLog(member));
  }

  private void awaitNoMatch(String member, Path file) throws Exception {
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    HashfedJar.Result last;
    do {
      last = hashfed.run(staff("match", member, "--json", file.toString()));
      if (last.status() == 1) {
        assertEquals(0, last.json().path("matches").asInt());
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    fail(file + " still matches on " + member + " after the retraction: " + last.status() + " " + last.out()
        + last.err() + nodeLog(member));
  }

  private void awaitReady(String member) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!nodes.get(member).isAlive()) {
        fail("node " + member + " exited with " + nodes.get(member).exitValue() + nodeLog(member));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(member) + "/readyz")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the JVM is still starting
      }
      Thread.sleep(200);
    }
    fail("node " + member + " not ready within 60 s" + nodeLog(member));
  }

  private String nodeLog(String member) {
    try {
      return "\nlog of " + member + ":\n" + Files.readString(root.resolve(member + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "\n(no log of " + member + ": " + e.getMessage() + ")";
    }
  }

  private static Path example(String name) {
    Path p = Path.of(System.getProperty("hashfed.examples", "../examples"), "images", name).toAbsolutePath();
    assertTrue(Files.isRegularFile(p), "example image " + p + " is missing");
    return p;
  }

  private static String entryOf(JsonNode submitted, String type) {
    for (JsonNode s : submitted) {
      if (type.equals(s.path("signal").path("type").asText())) {
        return s.path("entry_id").asText();
      }
    }
    return fail("no " + type + " submission in " + submitted);
  }
}
