package org.hashfed.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the C++ PDQ reference ({@code pdq-photo-hasher} of facebook/ThreatExchange) on one file and
 * measures the CPU time it spends per hash, decode included, for {@code hashfed bench hash --reference}.
 *
 * <p>A child's CPU time is only known once it has exited and been reaped, and then only as the
 * parent's accumulated {@code cutime + cstime} in {@code /proc/self/stat}, in clock ticks. So the
 * reference hashes the file once and then {@code repeats + 1} times, and the difference of the two
 * runs divided by {@code repeats} is the cost of one hash: process start-up and the first, cold hash
 * cancel out. Linux only.
 */
final class ReferenceHasher {

  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  private static final long RUN_TIMEOUT_SECONDS = 600;

  private final Path binary;
  private final double nanosPerTick;

  private ReferenceHasher(Path binary, double nanosPerTick) {
    this.binary = binary;
    this.nanosPerTick = nanosPerTick;
  }

  /**
   * A runner of the reference binary at {@code binary}.
   *
   * @throws IllegalArgumentException when the binary is not an executable file or the system does not
   *     report children's CPU time ({@code /proc/self/stat}, Linux)
   */
  static ReferenceHasher of(Path binary) throws IOException, InterruptedException {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new IllegalArgumentException("not an executable file: " + binary
          + " (expected: the C++ reference's pdq-photo-hasher, built as the README says)");
    }
    if (!Files.isReadable(SELF_STAT)) {
      throw new IllegalArgumentException("cannot measure the reference's CPU time: " + SELF_STAT
          + " is missing (expected: Linux)");
    }
    String ticks = output(List.of("getconf", "CLK_TCK")).trim();
    long perSecond;
    try {
      perSecond = Long.parseLong(ticks);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("getconf CLK_TCK printed '" + ticks + "' (expected: clock ticks per second)");
    }
    return new ReferenceHasher(binary, 1e9 / perSecond);
  }

  /**
   * CPU nanoseconds of one hash of {@code file}, or -1 when the reference cannot hash it (it exits
   * with an error, as it does for PNGs with an alpha channel).
   */
  long cpuNanosPerHash(Path file, int repeats) throws IOException, InterruptedException {
    long once = run(file, 1);
    if (once < 0) {
      return -1;
    }
    long many = run(file, repeats + 1);
    if (many < 0) {
      return -1;
    }
    return Math.round(Math.max(0, many - once) * nanosPerTick / repeats);
  }

  /** Children's CPU ticks that one run hashing {@code file} {@code times} times adds, or -1 when it fails. */
  private long run(Path file, int times) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    for (int i = 0; i < times; i++) {
      command.add(file.toString());
    }
    long before = childTicks();
    Process p = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
      throw new IOException("the reference took more than " + RUN_TIMEOUT_SECONDS + " s on " + file);
    }
    long after = childTicks();
    return p.exitValue() == 0 ? after - before : -1;
  }

  /** cutime + cstime of this process: the CPU ticks of its reaped children. */
  private static long childTicks() throws IOException {
    String stat = Files.readString(SELF_STAT, StandardCharsets.US_ASCII);
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  private static String output(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.waitFor();
    return new String(out, StandardCharsets.US_ASCII);
  }
}
