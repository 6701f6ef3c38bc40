package org.hashfed.cli.demo;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the demo's steps, one line each with ✔ or ✘ and its duration, followed by its details;
 * remembers whether every step succeeded.
 */
final class StoryPrinter {

  /** One step's work: it adds detail lines and throws when the step did not succeed. */
  interface Step {
    void run(List<String> details) throws Exception;
  }

  private final PrintWriter out;
  private final String ok;
  private final String failed;
  private int number;
  private boolean allOk = true;

  StoryPrinter(PrintWriter out, Charset charset) {
    this.out = out;
    boolean unicode = charset.newEncoder().canEncode("✔✘");
    this.ok = unicode ? "✔" : "[ok]";
    this.failed = unicode ? "✘" : "[FAILED]";
  }

  /** Runs a step unless an earlier one failed, prints it, and returns whether it succeeded. */
  boolean step(String title, Step step) {
    number++;
    if (!allOk) {
      out.println(failed + " " + number + ". " + title + " (skipped: an earlier step failed)");
      out.flush();
      return false;
    }
    List<String> details = new ArrayList<>();
    long start = System.nanoTime();
    String problem = null;
    try {
      step.run(details);
    } catch (DemoException e) {
      problem = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted";
    } catch (Exception e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    out.println((problem == null ? ok : failed) + " " + number + ". " + title
        + String.format(Locale.ROOT, "  (%d ms)", ms));
    for (String d : details) {
      out.println("     " + d);
    }
    if (problem != null) {
      out.println("     " + problem);
      allOk = false;
    }
    out.flush();
    return problem == null;
  }

  boolean allOk() {
    return allOk;
  }

  String okMark() {
    return ok;
  }

  String failedMark() {
    return failed;
  }
}
