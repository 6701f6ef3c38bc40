package org.hashfed.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.local.LocalConsortium;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed demo}: a three-member consortium on loopback, and the story of one hash across it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local three-member consortium (acme, beta, gamma: keys, TLS certificates, a roster signed by "
          + "all three, three nodes on loopback ports) and walk the story: acme submits an example image's hashes, "
          + "they reach beta and gamma, gamma matches a resized and re-encoded copy, acme shares a video's vPDQ "
          + "hashes and gamma matches a letterboxed, re-encoded copy of it, gamma's platform gets a retro.match "
          + "webhook for an upload it accepted earlier, beta disputes the image and gamma's "
          + "confidence drops, an auditor verifies gamma's log. Then the nodes keep running for the CLI until Ctrl-C. "
          + "Exit status with --no-wait: 0 when every step succeeded, 1 otherwise; 2 for a data directory in use."
    })
public final class DemoCommand implements Callable<Integer> {

  /** Marks a directory as the demo's own, so that a later run may wipe it. */
  static final String MARKER = ".hashfed-demo";

  @Spec CommandSpec spec;

  @Option(names = "--no-wait", description = "exit after the story instead of keeping the nodes running")
  boolean noWait;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "hashfed-demo",
      description = "data directory of the demo's nodes, wiped at start (default: ./${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--verbose", description = "show the nodes' logs (JSON lines on standard error)")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      DemoDirectory.prepare(dir, MARKER);
    } catch (DemoException e) {
      err.println("hashfed demo: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("hashfed demo: cannot prepare the data directory " + dir + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Level previous = quietLogs();
    out.println("hashfed demo: a consortium of three members on this machine; data in " + dir);
    out.println();
    out.flush();
    LocalConsortium consortium;
    try {
      consortium = LocalConsortium.prepare(dir, DemoStory.MEMBERS, b -> b.workerThreads(2));
    } catch (RuntimeException e) {
      Logger.getLogger("").setLevel(previous);
      err.println("hashfed demo: cannot prepare the consortium in " + dir + ": " + e.getMessage());
      return ExitCodes.NOT_FOUND;
    }
    try {
      StoryPrinter printer = new StoryPrinter(out, Charset.defaultCharset());
      DemoStory story = new DemoStory(consortium, dir, printer);
      boolean ok = story.run();
      out.println();
      out.println(ok ? printer.okMark() + " Every step succeeded." : printer.failedMark() + " A step failed (above).");
      out.flush();
      if (ok && !noWait) {
        CliHints.print(out, story, dir);
        out.flush();
        awaitCtrlC(consortium);
      }
      return ok ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    } finally {
      consortium.close();
      Logger.getLogger("").setLevel(previous);
    }
  }

  private Level quietLogs() {
    Logger root = Logger.getLogger("");
    Level previous = root.getLevel();
    if (!verbose) {
      root.setLevel(Level.OFF);
    }
    return previous;
  }

  private static void awaitCtrlC(LocalConsortium consortium) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      consortium.close();
      stopped.countDown();
    }, "hashfed-demo-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
