package org.hashfed.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the same closed-loop load with wrk (github.com/wg/wrk), when it is installed: a client in
 * C that takes much less of the cores it shares with the node than the in-JVM Vert.x client. A Lua
 * script sends the requests round-robin with the API key; wrk's own report is parsed.
 */
final class WrkLoad {

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern MEAN = Pattern.compile("Latency\\s+([0-9.]+)(us|ms|s|m)");

  private final Path wrk;
  private final Path workDir;
  private final int port;
  private final int connections;
  private final String apiKey;

  /** What one wrk run measured. */
  record Result(long requests, long errors, double seconds, long p50Nanos, long p99Nanos, long meanNanos) {
    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  WrkLoad(Path wrk, Path workDir, int port, int connections, String apiKey) {
    this.wrk = wrk;
    this.workDir = workDir;
    this.port = port;
    this.connections = connections;
    this.apiKey = apiKey;
  }

  /** The wrk executable on the {@code PATH}, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** How to get wrk, for a report that skips it. */
  static final String INSTALL_HINT = "wrk is not on the PATH: install it (Debian and Ubuntu: apt-get install wrk; "
      + "macOS: brew install wrk; or build github.com/wg/wrk)";

  /** The command that runs a script for {@code seconds} (one wrk thread, so the node keeps a core). */
  List<String> command(Path script, int seconds) {
    // wrk's own timeout of 2 s would count a batch answered in 2.5 s on a loaded machine as an error
    return List.of(wrk.toString(), "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "60s", "--latency",
        "-s", script.toString(), "http://127.0.0.1:" + port + "/");
  }

  /**
   * Sends {@code requests} round-robin for {@code seconds} with wrk: each a GET of its path, or a
   * POST of its JSON body (which must be one line, as the encoder writes it).
   *
   * @throws IOException when wrk cannot run or its report cannot be read
   */
  Result run(String name, List<HttpLoad.Request> requests, int seconds) throws IOException, InterruptedException {
    // two lines per request, its path and its body (empty for a GET), read back by the script
    List<String> lines = new ArrayList<>(2 * requests.size());
    for (HttpLoad.Request r : requests) {
      lines.add(r.path());
      lines.add(r.body() == null ? "" : r.body().toString(StandardCharsets.UTF_8));
    }
    Path requestFile = workDir.resolve("wrk-" + name + ".requests");
    Files.write(requestFile, lines, StandardCharsets.UTF_8);
    Path script = workDir.resolve("wrk-" + name + ".lua");
    Files.writeString(script, String.join("\n",
        "local paths = {}",
        "local bodies = {}",
        "local odd = true",
        "for line in io.lines(\"" + luaString(requestFile.toAbsolutePath().toString()) + "\") do",
        "  if odd then paths[#paths + 1] = line else bodies[#bodies + 1] = line end",
        "  odd = not odd",
        "end",
        "local i = 0",
        "wrk.headers[\"Authorization\"] = \"Bearer " + luaString(apiKey) + "\"",
        // headers given to wrk.format replace wrk.headers rather than adding to them
        "local post = {[\"Authorization\"] = wrk.headers[\"Authorization\"], [\"Content-Type\"] = \"application/json\"}",
        "request = function()",
        "  i = i + 1",
        "  local k = (i % #paths) + 1",
        "  if bodies[k] == \"\" then",
        "    return wrk.format(\"GET\", paths[k])",
        "  end",
        "  return wrk.format(\"POST\", paths[k], post, bodies[k])",
        "end",
        ""), StandardCharsets.US_ASCII);
    Process p = new ProcessBuilder(command(script, seconds)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("wrk did not finish within " + (seconds + 60) + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("wrk exited with " + p.exitValue() + ": " + out.strip());
    }
    return parse(out);
  }

  /** Reads wrk's report (with {@code --latency}). */
  static Result parse(String out) throws IOException {
    Matcher requests = find(REQUESTS, out);
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    return new Result(Long.parseLong(requests.group(1)), errors,
        nanos(requests.group(2), requests.group(3)) / 1e9,
        percentile(out, "50"), percentile(out, "99"), nanos(find(MEAN, out).group(1), find(MEAN, out).group(2)));
  }

  private static long percentile(String out, String p) throws IOException {
    Matcher m = find(Pattern.compile("\\s" + p + "%\\s+([0-9.]+)(us|ms|s|m)"), out);
    return nanos(m.group(1), m.group(2));
  }

  private static Matcher find(Pattern pattern, String out) throws IOException {
    Matcher m = pattern.matcher(out);
    if (!m.find()) {
      throw new IOException("wrk's report has no match for /" + pattern.pattern() + "/: " + out.strip());
    }
    return m;
  }

  private static long nanos(String value, String unit) {
    double v = Double.parseDouble(value);
    return (long) switch (unit) {
      case "us" -> v * 1e3;
      case "ms" -> v * 1e6;
      case "s" -> v * 1e9;
      default -> v * 60e9;
    };
  }

  private static String luaString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
