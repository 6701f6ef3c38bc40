package org.hashfed.cli.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.MemberId;

/**
 * Bulk submission files in each format, mutated from valid files and made of arbitrary text: the
 * parser never throws, every line that is not blank or a comment is either a submission or a
 * problem with a message, and each submission it accepts makes an entry the node's parser takes.
 */
class BulkParserFuzzProperties {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  private static final String MD5 = "00112233445566778899aabbccddeeff";
  private static final List<String> FILES = List.of(
      "type,value,labels,incident,note,quality\nmd5," + MD5 + ",behavior:glorification;target:x,inc-1,\"a, \"\"b\"\"\"\n"
          + "pdq," + PDQ + ",,,,90\n# a comment\n\nsha256," + "ab".repeat(32) + "\n",
      "{\"signal\": {\"type\": \"md5\", \"value\": \"" + MD5 + "\"}, \"labels\": [\"behavior:glorification\"], "
          + "\"incident\": \"inc-1\", \"note\": \"n\", \"expires_at\": \"2027-01-01T00:00:00Z\"}\n"
          + "{\"signal\": {\"type\": \"pdq\", \"value\": \"" + PDQ + "\", \"quality\": 90}}\n",
      "pdq " + PDQ + " 90\nmd5 " + MD5 + "\n# comment\n");
  private static final String[] TOKENS = {",", ";", "\"", "\"\"", "{", "}", "[", "]", ":", "\n", "\r", " ", "#",
      "-1", "101", "2147483648", "1e3", "null", "true", "\u2014", "\u0000", "\ud800", "pdq", "vpdq", "md5 "};

  private static String mutate(String valid, long seed, int edits) {
    Random random = new Random(seed);
    StringBuilder s = new StringBuilder(valid);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(s.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> {
          if (at < s.length()) {
            s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7))));
          }
        }
        case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
        case 2 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 3 -> {
          int from = random.nextInt(s.length() + 1);
          s.insert(at, s.substring(from, Math.min(s.length(), from + 1 + random.nextInt(32))));
        }
        default -> s.setLength(at);
      }
    }
    return s.toString();
  }

  /** Parses the text split into lines as {@code Files.readAllLines} splits a file, and checks the result. */
  private static void parse(BulkParser.Format format, String text) throws Exception {
    List<String> lines = new BufferedReader(new StringReader(text)).lines().toList();
    SubmitFields fields = SubmitFields.parse(List.of("behavior:glorification"), null, null, null, null, NOW);
    BulkParser.Result r = assertTimeoutPreemptively(BOUND, () -> new BulkParser(format, fields).parse(lines),
        () -> "parsing hung on " + text);
    long content = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    boolean header = format == BulkParser.Format.CSV && lines.stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
        .map(l -> l.toLowerCase(Locale.ROOT).startsWith("type,")).orElse(false);
    assertEquals(content - (header ? 1 : 0), r.lines().size() + r.problems().size(), text);
    r.problems().forEach(p -> assertFalse(p.message() == null || p.message().isBlank(), "no message: " + p));
    for (BulkParser.Line l : r.lines()) {
      Entry e = Entry.create(MemberId.parse("acme"), 1, Optional.empty(), NOW, l.submit());
      assertEquals(e, Entry.parse(e.toPayload()), l.text());
    }
  }

  @Property
  void parse_ofMutatedFiles_collectsEveryLineAsASubmissionOrAProblem(@ForAll @IntRange(max = 2) int format,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int edits) throws Exception {
    parse(BulkParser.Format.values()[format], mutate(FILES.get(format), seed, edits));
  }

  @Property
  void parse_ofArbitraryText_collectsEveryLineAsASubmissionOrAProblem(@ForAll @IntRange(max = 2) int format,
      @ForAll @Size(max = 300) String text) throws Exception {
    parse(BulkParser.Format.values()[format], text);
  }

  @Property
  void parse_ofArbitraryUtf8Bytes_collectsEveryLine(@ForAll @IntRange(max = 2) int format,
      @ForAll @Size(max = 300) byte[] bytes) throws Exception {
    parse(BulkParser.Format.values()[format], new String(bytes, StandardCharsets.UTF_8));
  }
}
