package org.hashfed.cli.hash;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on a terminal, redrawn at most ten times a second and erased when done. */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final int total;
  private final String unit;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int done;

  ProgressBar(PrintWriter err, int total) {
    this(err, total, "files");
  }

  /** A bar counting {@code total} items called {@code unit} (e.g. "lines"). */
  public ProgressBar(PrintWriter err, int total, String unit) {
    this.err = err;
    this.total = total;
    this.unit = unit;
  }

  /** Counts one more item done. */
  public void step() {
    done++;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS || done == total) {
      lastDraw = now;
      int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
      double seconds = Math.max(1e-9, (now - start) / 1e9);
      err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %s, %.1f %s/s",
          "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, unit, done / seconds, unit));
      err.flush();
    }
  }

  /** Erases the bar. */
  public void finish() {
    err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
    err.flush();
  }
}
