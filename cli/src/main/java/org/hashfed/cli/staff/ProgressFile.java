package org.hashfed.cli.staff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;

/**
 * What a bulk run has already submitted, kept next to the input as {@code FILE.hashfed-progress}
 * so an interrupted run resumes instead of submitting twice: one line per acknowledged input line,
 * {@code <line number> <hash of the line's text> <entry id>}, appended and flushed to disk as each
 * submission is acknowledged. The line hash makes a resumed run refuse an input whose already
 * submitted lines were edited.
 */
final class ProgressFile implements Closeable {

  static final String SUFFIX = ".hashfed-progress";
  private static final String HEADER = "# hashfed bulk progress v1: line, line hash, entry id. Delete to submit again.";

  private record Done(String lineHash, String entryId) {}

  private final Path path;
  private final Map<Integer, Done> done;
  private FileChannel channel;

  private ProgressFile(Path path, Map<Integer, Done> done) {
    this.path = path;
    this.done = done;
  }

  /** The progress of {@code input}, empty when no earlier run left one. */
  static ProgressFile of(Path input) throws CommandError {
    Path path = input.resolveSibling(input.getFileName() + SUFFIX);
    Map<Integer, Done> done = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new ProgressFile(path, done);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read the progress file " + path + ": " + e.getMessage());
    }
    for (String l : lines) {
      String[] f = l.split(" ");
      // A line cut short by a crash while it was written was never acknowledged: ignore it.
      if (l.startsWith("#") || f.length != 3 || !f[0].matches("[1-9][0-9]{0,9}") || f[2].length() != 64) {
        continue;
      }
      done.put(Integer.parseInt(f[0]), new Done(f[1], f[2]));
    }
    return new ProgressFile(path, done);
  }

  Path path() {
    return path;
  }

  /** How many lines earlier runs submitted. */
  int doneCount() {
    return done.size();
  }

  /**
   * The entry id an earlier run got for this line, if it submitted it.
   *
   * @throws CommandError when the line was submitted with different text
   */
  Optional<String> entryOf(BulkParser.Line line) throws CommandError {
    Done d = done.get(line.number());
    if (d == null) {
      return Optional.empty();
    }
    if (!d.lineHash().equals(hash(line.text()))) {
      throw CommandError.of(ExitCodes.USAGE, "line " + line.number() + " changed since an earlier run submitted it as "
          + "entry " + d.entryId() + ". Restore the line, or delete " + path + " to submit the whole file again.");
    }
    return Optional.of(d.entryId());
  }

  /** Records that the line was submitted as {@code entryId}, durably, before the next line is sent. */
  void record(BulkParser.Line line, String entryId) throws CommandError {
    String text = line.number() + " " + hash(line.text()) + " " + entryId + "\n";
    try {
      if (channel == null) {
        boolean fresh = !Files.exists(path);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fresh) {
          text = HEADER + "\n" + text;
        }
      }
      ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, "entry " + entryId + " for line " + line.number() + " was submitted, "
          + "but cannot be recorded in " + path + ": " + e.getMessage() + ". Fix the file system before rerunning, "
          + "or that line would be submitted again.");
    }
    done.put(line.number(), new Done(hash(line.text()), entryId));
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
