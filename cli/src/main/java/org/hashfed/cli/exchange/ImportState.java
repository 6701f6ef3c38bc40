package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.json.Json;

/**
 * What earlier imports of one source did, in a directory of its own: {@code checkpoint.json}, where
 * the source is to be read from next, replaced atomically after each page; and {@code entries.log},
 * a journal of {@code + <record key> <entry id> <signal> <labels>} (submitted),
 * {@code ~ <record key> <entry id> <labels>} (relabelled) and {@code - <record key> <entry id>}
 * (retracted) lines, each flushed to disk before the next record is sent, so a rerun never submits
 * a record twice and knows what each live entry holds. {@code member} names the member whose node
 * the journal is of; a lock file keeps two imports from sharing the directory. A dry run reads the
 * directory and writes nothing.
 */
final class ImportState implements Closeable {

  static final String CHECKPOINT = "checkpoint.json";
  static final String JOURNAL = "entries.log";
  private static final String LOCK = "lock";
  private static final String MEMBER = "member";
  private static final String HEADER = "# hashfed import journal v1: + submitted (key, entry id, signal, labels), "
      + "~ relabelled (key, entry id, labels), - retracted (key, entry id)";

  /** A live entry an import made: its id, its signal ({@code type:value}) and its labels, comma-separated. */
  record Imported(String entryId, String signal, String labels) {}

  private final Path dir;
  private final String source;
  private final boolean dryRun;
  private final Map<String, Imported> entries;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private Optional<String> checkpoint;
  private FileChannel journal;

  private ImportState(Path dir, String source, boolean dryRun, Map<String, Imported> entries, Optional<String> checkpoint,
      FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.source = source;
    this.dryRun = dryRun;
    this.entries = entries;
    this.checkpoint = checkpoint;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (and, unless {@code dryRun}, creates and locks) the state directory of {@code source}.
   *
   * @throws CommandError when the directory belongs to another source, is locked by another run or is unreadable
   */
  static ImportState open(Path dir, String source, boolean dryRun) throws CommandError {
    FileChannel channel = null;
    FileLock lock = null;
    try {
      if (!dryRun) {
        Files.createDirectories(dir);
        channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          // held by another import in this JVM (tests, or an embedding program): the same refusal
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw CommandError.of(ExitCodes.USAGE, "another import is using " + dir + ": wait for it to finish, "
              + "or give this one another --state DIR");
        }
      }
      Optional<String> checkpoint = readCheckpoint(dir, source);
      Map<String, Imported> entries = readJournal(dir.resolve(JOURNAL));
      return new ImportState(dir, source, dryRun, entries, checkpoint, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw CommandError.of(ExitCodes.USAGE, "cannot use the import state directory " + dir + ": " + e.getMessage());
    } catch (CommandError e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static Optional<String> readCheckpoint(Path dir, String source) throws IOException, CommandError {
    Path file = dir.resolve(CHECKPOINT);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JsonNode doc;
    try {
      doc = Json.readTree(bytes);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, file + " is not a hashfed import checkpoint (" + e.getMessage()
          + "): delete it to import " + source + " from the start");
    }
    if (!doc.isObject() || !doc.path("source").isTextual()) {
      throw CommandError.of(ExitCodes.USAGE, file + " is not a hashfed import checkpoint (expected {\"source\": ..., "
          + "\"checkpoint\": ...}): delete it to import " + source + " from the start");
    }
    if (!doc.path("source").asText().equals(source)) {
      throw CommandError.of(ExitCodes.USAGE, dir + " holds the state of an import of \"" + doc.path("source").asText()
          + "\", not of \"" + source + "\": give another --state DIR");
    }
    JsonNode cp = doc.path("checkpoint");
    return cp.isTextual() ? Optional.of(cp.asText()) : Optional.empty();
  }

  private static Map<String, Imported> readJournal(Path file) throws IOException {
    Map<String, Imported> entries = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return entries;
    }
    for (String l : lines) {
      String[] f = l.split(" ");
      // A line cut short by a crash was never followed by another record: ignore it.
      if (f.length < 3 || f[2].length() != 64) {
        continue;
      }
      Imported known = entries.get(f[1]);
      if (f[0].equals("+") && f.length == 5) {
        entries.put(f[1], new Imported(f[2], f[3], f[4]));
      } else if (f[0].equals("~") && f.length == 4 && known != null && known.entryId().equals(f[2])) {
        entries.put(f[1], new Imported(f[2], known.signal(), f[3]));
      } else if (f[0].equals("-") && f.length == 3 && known != null && known.entryId().equals(f[2])) {
        entries.remove(f[1]);
      }
    }
    return entries;
  }

  Path dir() {
    return dir;
  }

  /** Where the previous import stopped reading the source; empty for a first import. */
  Optional<String> checkpoint() {
    return checkpoint;
  }

  /** The entry an earlier import submitted for this record and did not retract since. */
  Optional<Imported> importedOf(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Every record key with a live entry, for a file import that retracts what the file no longer holds. */
  Map<String, Imported> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** Records, durably, that {@code key} was submitted as {@code entryId}. */
  void submitted(String key, String entryId, String signal, String labels) throws CommandError {
    append("+ " + key + " " + entryId + " " + signal + " " + labels);
    entries.put(key, new Imported(entryId, signal, labels));
  }

  /** Records, durably, that {@code key}'s entry {@code entryId} now has {@code labels}. */
  void relabelled(String key, String entryId, String labels) throws CommandError {
    append("~ " + key + " " + entryId + " " + labels);
    entries.computeIfPresent(key, (k, v) -> new Imported(v.entryId(), v.signal(), labels));
  }

  /** Records, durably, that {@code key}'s entry {@code entryId} was retracted. */
  void retracted(String key, String entryId) throws CommandError {
    append("- " + key + " " + entryId);
    entries.remove(key);
  }

  /**
   * Binds the journal to the member whose node it records entries of: its ids mean nothing to
   * another member's node, where "already imported" would silently skip every record.
   *
   * @throws CommandError when the directory already belongs to another member's node
   */
  void bindMember(String member) throws CommandError {
    Path file = dir.resolve(MEMBER);
    try {
      if (Files.exists(file)) {
        String bound = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!bound.equals(member)) {
          throw CommandError.of(ExitCodes.USAGE, dir + " holds what an import submitted to the node of member \""
              + bound + "\", and this node is member \"" + member + "\"'s: give another --state DIR");
        }
        return;
      }
      Path tmp = dir.resolve(MEMBER + ".tmp");
      Files.writeString(tmp, member + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot record the node's member in " + file + ": " + e.getMessage());
    }
  }

  /** Replaces the checkpoint atomically: a crash leaves the old one or the new one, never a mix. */
  void saveCheckpoint(String value) throws CommandError {
    checkpoint = Optional.of(value);
    if (dryRun) {
      return;
    }
    ObjectNode doc = Json.mapper().createObjectNode().put("source", source).put("checkpoint", value);
    Path file = dir.resolve(CHECKPOINT);
    Path tmp = dir.resolve(CHECKPOINT + ".tmp");
    try {
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(c, Json.write(doc));
        c.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename " + tmp + " atomically", e);
      }
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, "cannot save the checkpoint in " + file + ": " + e.getMessage()
          + ". The records of this page are in " + dir.resolve(JOURNAL) + ", so a rerun does not submit them again.");
    }
  }

  private void append(String line) throws CommandError {
    if (dryRun) {
      return;
    }
    Path file = dir.resolve(JOURNAL);
    try {
      String text = line + "\n";
      if (journal == null) {
        boolean fresh = !Files.exists(file);
        journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fresh) {
          text = HEADER + "\n" + text;
        }
      }
      writeFully(journal, text.getBytes(StandardCharsets.UTF_8));
      journal.force(false);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, "the node took \"" + line + "\", but it cannot be recorded in " + file
          + ": " + e.getMessage() + ". Fix the file system before rerunning, or that record would be sent again.");
    }
  }

  private static void writeFully(FileChannel c, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      c.write(buf);
    }
  }

  @Override
  public void close() {
    closeQuietly(journal);
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // the lock goes with the channel below
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // nothing is lost: every record was forced to disk when it was written
    }
  }
}
