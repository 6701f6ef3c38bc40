package org.hashfed.cli.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hashfed.protocol.audit.AuditVerifier;

/** A progress bar on standard error when it is a terminal, redrawn at most ten times a second. */
final class AuditProgress implements AuditVerifier.Progress {

  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  AuditProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled && stderrIsTerminal();
  }

  @Override
  public void update(long done, long total) {
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < 100_000_000L && done < total)) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d entries, %.0f entries/s", "#".repeat(filled),
        " ".repeat(WIDTH - filled), done, total, done / seconds));
    err.flush();
  }

  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }

  private static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException e) {
      return false;
    }
    return System.console() != null;
  }
}
