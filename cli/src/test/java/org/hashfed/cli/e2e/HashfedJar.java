package org.hashfed.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code hashfed.jar} as a user would: one {@code java -jar} process per command. */
final class HashfedJar {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** What a finished command printed, and its exit status. */
  record Result(List<String> args, int status, String out, String err) {

    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("hashfed " + String.join(" ", args) + " printed no JSON: " + out + err, e);
      }
    }

    Result ok() {
      if (status != 0) {
        fail("hashfed " + String.join(" ", args) + " exited with " + status + "\nstdout: " + out + "\nstderr: " + err);
      }
      return this;
    }
  }

  private final Path jar;
  private final Path work;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  HashfedJar(Path jar, Path work) {
    assertTrue(Files.isRegularFile(jar),
        "the shaded jar " + jar + " is missing: run mvn verify (it is built in package)");
    this.jar = jar;
    this.work = work;
  }

  /** The jar Maven built: {@code -Dhashfed.jar}, set by failsafe, or {@code target/hashfed.jar}. */
  static Path built() {
    return Path.of(System.getProperty("hashfed.jar", "target/hashfed.jar")).toAbsolutePath();
  }

  Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p = builder(List.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("hashfed " + String.join(" ", args) + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
    }
    Result r = new Result(List.of(args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** Starts a long-running command (a node) with its output in {@code log}. */
  Process start(Path log, String... args) throws IOException {
    return builder(List.of(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private ProcessBuilder builder(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dhashfed.config.dir=" + work.resolve("cli-config"), "-jar", jar.toString()));
    cmd.addAll(args);
    ProcessBuilder b = new ProcessBuilder(cmd).directory(work.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("HASHFED_"));
    return b;
  }

  static int freePort() {
    return org.hashfed.node.local.LoopbackPorts.pick();
  }

  /** Stops a node process: SIGTERM (its shutdown hook closes the store), then kill after 10 s. */
  static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
