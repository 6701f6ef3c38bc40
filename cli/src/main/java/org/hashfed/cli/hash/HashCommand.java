package org.hashfed.cli.hash;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.filehash.FileHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hashfed hash}: MD5, SHA-256 and PDQ of local files, computed on this machine only. */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Hash files locally: MD5 and SHA-256 of every file, PDQ of images (JPEG, PNG, GIF, BMP, WebP), vPDQ of "
          + "videos (MP4/MOV/3GP, Matroska/WebM, AVI, FLV, MPEG-TS, animated GIF), all recognised by content. "
          + "Directories are hashed recursively, on all cores. Nothing leaves this machine. "
          + "Output: one line per signal, '<type> <value> <path>'; or with --json one object per file."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed hash still.jpg clip.mp4",
      "  hashfed hash --json --seconds-per-hash 0 clip.mp4",
      "  hashfed hash --format pytx clip.mp4 > clip.vpdq.json",
      "",
      "A video's vpdq value is the SHA-256 of its frame hashes; a summary (frames, fps, duration) goes to",
      "standard error. --format pytx prints one video's frames as python-threatexchange's vpdq signal, --format",
      "lines as the reference vpdq CLI's 'frame,quality,hash,seconds' lines.",
      "A PDQ hash of quality below 50, or a video without a frame of quality 50, is printed with a warning:",
      "the consortium refuses it.",
      "Exit status: 0 every file hashed, 1 some file could not be read or decoded (the others are still",
      "printed), 2 usage error."
    })
public final class HashCommand implements Callable<Integer> {

  /** Above this many files a progress bar is drawn, when stderr is a terminal. */
  private static final int PROGRESS_THRESHOLD = 5;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to hash.")
  List<Path> paths;

  @Option(names = "--json", description = "One JSON object per file per line.")
  boolean json;

  @Option(names = "--dihedral", description = "Also print the PDQ of the 7 rotations and reflections.")
  boolean dihedral;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Print one video's frames only: pytx "
      + "(python-threatexchange's vpdq signal) or lines (the reference vpdq CLI's lines).")
  String format;

  @Mixin VideoOptions video;

  @Mixin ImageOptions image;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --threads " + n + " (expected: 1 or more)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (format != null) {
      return new FrameExport(spec, format, json).export(paths, image.apply(video.apply(FileHasher.create())));
    }
    OutcomePrinter printer = new OutcomePrinter(out, err, json);
    boolean[] failed = {false};
    List<Path> files = FileWalker.files(paths, f -> {
      printer.print(Outcome.failed(f.path, f.message));
      failed[0] = true;
    });
    ProgressBar bar = files.size() > PROGRESS_THRESHOLD && Terminal.stderrIsTerminal()
        ? new ProgressBar(err, files.size())
        : null;
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "hashfed-hash");
      t.setDaemon(true);
      return t;
    });
    ThreadLocal<FileHasher> hashers =
        ThreadLocal.withInitial(() -> image.apply(video.apply(dihedral ? FileHasher.withDihedral() : FileHasher.create())));
    try {
      // A bounded window of files in flight keeps memory flat and output in input order.
      Deque<Future<Outcome>> window = new ArrayDeque<>();
      int next = 0;
      while (next < files.size() || !window.isEmpty()) {
        while (next < files.size() && window.size() < 4 * n) {
          Path file = files.get(next++);
          window.add(pool.submit(() -> Outcome.of(hashers.get(), file)));
        }
        Outcome o = window.removeFirst().get();
        if (bar != null && (o.failed() || o.warns())) {
          bar.finish();
        }
        printer.print(o);
        failed[0] |= o.failed();
        if (bar != null) {
          bar.step();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.NOT_FOUND;
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
      if (bar != null) {
        bar.finish();
      }
    }
    return failed[0] ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }
}
