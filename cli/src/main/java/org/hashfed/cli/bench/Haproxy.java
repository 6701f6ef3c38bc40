package org.hashfed.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An HAProxy process on loopback balancing HTTP round robin over backends, for the followers
 * benchmark: the load balancer a deployment puts in front of read followers (examples/followers).
 */
final class Haproxy implements AutoCloseable {

  private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/local/sbin/haproxy"),
      Path.of("/usr/bin/haproxy"), Path.of("/usr/local/bin/haproxy"));
  private static final long START_TIMEOUT_MS = 20_000;

  private final Process process;
  private final int port;

  private Haproxy(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The haproxy binary: on the PATH or where Debian puts it. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "haproxy");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return LOCATIONS.stream().filter(Files::isExecutable).findFirst();
  }

  /** The version line of {@code binary}, e.g. "HAProxy version 2.6.12-1+deb12u4 ...". */
  static String version(Path binary) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return text.lines().findFirst().orElse("haproxy (unknown version)");
  }

  /** Starts HAProxy on a free loopback port in front of {@code backends} and returns once it accepts connections. */
  static Haproxy start(Path binary, Path dir, List<Integer> backends) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StringBuilder cfg = new StringBuilder()
        .append("global\n  maxconn 4096\n")
        .append("defaults\n  mode http\n  option http-keep-alive\n  timeout connect 5s\n")
        .append("  timeout client 60s\n  timeout server 60s\n")
        .append("frontend api\n  bind 127.0.0.1:").append(port).append("\n  default_backend followers\n")
        .append("backend followers\n  balance roundrobin\n");
    for (int i = 0; i < backends.size(); i++) {
      cfg.append("  server f").append(i + 1).append(" 127.0.0.1:").append(backends.get(i)).append('\n');
    }
    Path file = dir.resolve("haproxy-" + backends.size() + ".cfg");
    Files.writeString(file, cfg.toString());
    Process process = new ProcessBuilder(binary.toString(), "-db", "-f", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy-" + backends.size() + ".log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("haproxy exited with " + process.exitValue() + "; see " + dir.resolve("haproxy-"
            + backends.size() + ".log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Haproxy(process, port);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IOException("haproxy does not accept connections on 127.0.0.1:" + port + " after "
              + START_TIMEOUT_MS + " ms", e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** The port the platform API is balanced on. */
  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
