package org.hashfed.node;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own whose data sits on a 64 MiB tmpfs it mounts in a user and mount namespace of
 * its own, so that a test can fill the disk under a node and free it again without privileges.
 */
public final class TmpfsChild {

  private TmpfsChild() {}

  /** Whether this machine lets an unprivileged user make a user and mount namespace. */
  public static boolean namespacesAvailable() {
    try {
      Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts {@code main} with heap {@code xmx} and this JVM's class path, with a tmpfs mounted at
   * {@code mount} (made if missing) and {@code argument} as its one argument; its standard error
   * goes to {@code stderrLog}.
   */
  public static Process start(Path mount, String xmx, Class<?> main, Path argument, Path stderrLog) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
        "mkdir -p \"$0\" && mount -t tmpfs -o size=64m tmpfs \"$0\" && exec \"$1\" -Xmx" + xmx + " -cp \"$2\" "
            + main.getName() + " \"$3\"", mount.toString(), java, System.getProperty("java.class.path"),
        argument.toString());
    pb.redirectError(stderrLog.toFile());
    return pb.start();
  }

  /** Ends {@code process} (null: nothing started), forcibly if it has not exited within 30 s. */
  public static void stop(Process process) throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** In the child: writes {@code filler} until the file system is full. */
  public static void fill(Path filler) {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // the file system is full: what the test wants
    }
  }

  /** In the child: one line to the test reading its standard output, at once. */
  public static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
