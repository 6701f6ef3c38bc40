package org.hashfed.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Mutations of valid encodings and a bounded call of a parser, for the {@code *FuzzProperties}
 * classes. Mutating a real encoding reaches the parser's deeper branches, which random bytes
 * rarely get past the first check to.
 */
public final class Fuzz {

  /** Generous on a loaded 2-core machine; a parser of a few kilobytes that takes this long hangs. */
  public static final Duration BOUND = Duration.ofSeconds(20);

  // Tokens that make parsers take the branches they forget: separators, signs, huge and empty
  // numbers, non-ASCII, a lone surrogate, and bytes that are not UTF-8.
  private static final List<byte[]> TOKENS = List.of(
      bytes("\""), bytes("{"), bytes("}"), bytes("["), bytes("]"), bytes(","), bytes(":"), bytes("\\"),
      bytes("\n"), bytes("\n\n"), bytes(" "), bytes("\t"), bytes("\r"), bytes("+"), bytes("-"), bytes("-1"),
      bytes("0"), bytes("00"), bytes("1e400"), bytes("9223372036854775807"), bytes("9223372036854775808"),
      bytes("18446744073709551616"), bytes("99999999999999999999999999"), bytes("null"), bytes("true"),
      bytes("\"\""), bytes("[]"), bytes("{}"), bytes("\\u0000"), bytes("\\ud800"), bytes("\u2014 "),
      bytes("\u00e9"), bytes("="), bytes("=="), bytes("/"), bytes("A"), bytes("."),
      new byte[] {0}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF});

  private Fuzz() {}

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code valid} with {@code edits} random edits, chosen by {@code seed}: a bit flipped, a byte
   * replaced, a range deleted, a token inserted, a range duplicated, or the end cut off.
   */
  public static byte[] mutate(byte[] valid, long seed, int edits) {
    Random random = new Random(seed);
    byte[] b = valid.clone();
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(b.length + 1);
      switch (random.nextInt(6)) {
        case 0 -> {
          if (at < b.length) {
            b[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (at < b.length) {
            b[at] = (byte) random.nextInt(256);
          }
        }
        case 2 -> b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(8)), new byte[0]);
        case 3 -> b = splice(b, at, 0, TOKENS.get(random.nextInt(TOKENS.size())));
        case 4 -> {
          int from = random.nextInt(b.length + 1);
          int len = Math.min(b.length - from, 1 + random.nextInt(32));
          b = splice(b, at, 0, Arrays.copyOfRange(b, from, from + len));
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  /** {@link #mutate(byte[], long, int)} of the UTF-8 of {@code valid}, decoded back (bad UTF-8 as U+FFFD). */
  public static String mutate(String valid, long seed, int edits) {
    return new String(mutate(bytes(valid), seed, edits), StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  /**
   * Runs {@code parse} within {@link #BOUND}: its result, or empty when it threw one of the
   * {@code documented} exception types; any other throwable (NPE, index, arithmetic, OOM) or a
   * hang fails the property, with the input in the message.
   */
  @SafeVarargs
  public static <T> Optional<T> parse(Object input, ThrowingSupplier<T> parse,
      Class<? extends Exception>... documented) {
    try {
      return Optional.of(assertTimeoutPreemptively(BOUND, parse, () -> "parsing hung on " + describe(input)));
    } catch (Throwable t) {
      for (Class<? extends Exception> d : documented) {
        if (d.isInstance(t)) {
          if (t.getMessage() == null || t.getMessage().isBlank()) {
            fail(d.getSimpleName() + " without a message for " + describe(input), t);
          }
          return Optional.empty();
        }
      }
      if (t instanceof AssertionError a) {
        throw a;
      }
      return fail("undocumented " + t + " for " + describe(input), t);
    }
  }

  private static String describe(Object input) {
    if (input instanceof byte[] b) {
      return "bytes " + new String(b, StandardCharsets.ISO_8859_1).replace("\n", "\\n");
    }
    return String.valueOf(input).replace("\n", "\\n");
  }
}
