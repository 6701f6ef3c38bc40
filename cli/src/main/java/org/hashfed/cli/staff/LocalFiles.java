package org.hashfed.cli.staff;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.hash.ImageOptions;
import org.hashfed.cli.hash.VideoOptions;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.vpdq.VideoHashes;

/** Hashes files on this machine, in parallel; only hashes ever leave it. */
final class LocalFiles {

  /** One file's signals: md5 and sha256 always, pdq (with its quality) for images, vpdq for videos. */
  record Hashed(Path path, FileHashes hashes) {

    List<Signal> signals() {
      List<Signal> out = new ArrayList<>(3);
      out.add(Signal.parse("md5", hashes.digests().md5Hex()));
      out.add(Signal.parse("sha256", hashes.digests().sha256Hex()));
      hashes.pdq().ifPresent(p -> out.add(Signal.pdq(p.hash().toHex(), p.quality())));
      video().ifPresent(v -> out.add(Signal.vpdq(v)));
      return out;
    }

    Optional<PdqResult> pdq() {
      return hashes.pdq();
    }

    Optional<VideoHashes> video() {
      return hashes.video().map(v -> v.hashes());
    }
  }

  private LocalFiles() {}

  /**
   * Hashes every file, in input order.
   *
   * @throws CommandError (usage) listing every file that is missing, a directory, unreadable, or a broken
   *     image or video
   */
  static List<Hashed> hash(List<Path> files, int threads, VideoOptions video, ImageOptions image)
      throws CommandError {
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        problems.add(f + ": is a directory (give files; hashfed hash DIR hashes a folder)");
      }
    }
    if (!problems.isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, String.join("\n  ", problems));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), r -> {
      Thread t = new Thread(r, "hashfed-hash");
      t.setDaemon(true);
      return t;
    });
    ThreadLocal<FileHasher> hashers = ThreadLocal.withInitial(() -> image.apply(video.apply(FileHasher.create())));
    try {
      List<Future<Object>> pending = new ArrayList<>();
      for (Path f : files) {
        pending.add(pool.submit(() -> hashOne(hashers.get(), f)));
      }
      List<Hashed> out = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        Object r = pending.get(i).get();
        if (r instanceof FileHashes h) {
          out.add(new Hashed(files.get(i), h));
        } else {
          problems.add(files.get(i) + ": " + r);
        }
      }
      if (!problems.isEmpty()) {
        throw CommandError.of(ExitCodes.USAGE, (problems.size() == 1 ? "" : problems.size() + " files cannot be "
            + "hashed, nothing was sent:\n  ") + String.join("\n  ", problems));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CommandError.of(ExitCodes.SERVER, "interrupted while hashing");
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The file's hashes, or a phrase saying why it cannot be hashed. */
  private static Object hashOne(FileHasher hasher, Path file) {
    try {
      return hasher.hash(file);
    } catch (NoSuchFileException e) {
      return "no such file";
    } catch (AccessDeniedException e) {
      return "permission denied";
    } catch (IOException e) {
      return "cannot read file: " + e.getMessage();
    } catch (ImageDecodeException e) {
      return e.getMessage();
    } catch (VideoDecodeException e) {
      return VideoOptions.reason(e, file);
    } catch (RuntimeException | OutOfMemoryError e) {
      return "cannot hash file: " + e;
    }
  }
}
