package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.fuzz.Fuzz;
import org.hashfed.protocol.signal.InvalidSignalException;

/**
 * The vpdq binary form (bare, with content hashes, with centre hashes), its base64, the
 * ThreatExchange signal string and the reference's hash lines, mutated and arbitrary: only the
 * documented exception, within a bound; the binary form is canonical, so whatever decodes
 * re-encodes to the same bytes, and the text forms are stable from their first writing back.
 */
class VpdqFuzzProperties {

  private static final List<byte[]> BINARY = List.of(
      VideoHashes.of(VideoHashesTest.frames(4, 1)).encoded(),
      VideoHashes.of(VideoHashesTest.frames(3, 2), Optional.of(VideoHashesTest.content(3, 3))).encoded(),
      VideoHashes.of(VideoHashesTest.frames(3, 4), Optional.of(VideoHashesTest.content(3, 5)),
          Optional.of(VideoHashesTest.centre(3, 6))).encoded());
  private static final List<VpdqFrame> FRAMES = VideoHashesTest.frames(4, 7);

  private static void binary(byte[] bytes) {
    Fuzz.parse(bytes, () -> VideoHashes.decode(bytes), InvalidSignalException.class)
        .ifPresent(v -> assertArrayEquals(bytes, v.encoded()));
  }

  @Property
  void decode_ofMutatedEncodings_reencodesOrThrowsInvalidSignal(@ForAll @IntRange(max = 2) int sample,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int edits) {
    binary(Fuzz.mutate(BINARY.get(sample), seed, edits));
  }

  @Property
  void decode_ofArbitraryBytes_throwsOnlyInvalidSignal(@ForAll @Size(max = 400) byte[] junk) {
    binary(junk);
  }

  @Property
  void fromBase64_ofMutatedText_reencodesOrThrowsInvalidSignal(@ForAll @IntRange(max = 2) int sample,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int edits) {
    String text = Fuzz.mutate(VideoHashes.decode(BINARY.get(sample)).base64(), seed, edits);
    Fuzz.parse(text, () -> VideoHashes.fromBase64(text), InvalidSignalException.class)
        .ifPresent(v -> assertEquals(text, v.base64()));
  }

  private static void stable(String text, VpdqParser parser, VpdqWriter writer) {
    Fuzz.parse(text, () -> parser.parse(text), VpdqFormatException.class).ifPresent(frames -> {
      // the signal string keeps 3 significant digits of each time, as python-threatexchange writes it,
      // so what is written back parses to frames that write the same text again
      String written = writer.write(frames);
      assertEquals(written, writer.write(Fuzz.parse(written, () -> parser.parse(written)).orElseThrow()));
    });
  }

  @Property
  void signalFormat_mutated_isStableOrThrowsVpdqFormat(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    stable(Fuzz.mutate(VpdqSignalFormat.write(FRAMES), seed, edits), VpdqSignalFormat::parse, VpdqSignalFormat::write);
  }

  @Property
  void frameLines_mutated_isStableOrThrowsVpdqFormat(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    stable(Fuzz.mutate(VpdqFrameLines.write(FRAMES), seed, edits), VpdqFrameLines::parse, VpdqFrameLines::write);
  }

  @Property
  void textForms_ofArbitraryStrings_throwOnlyVpdqFormat(@ForAll @Size(max = 300) String text) {
    stable(text, VpdqSignalFormat::parse, VpdqSignalFormat::write);
    stable(text, VpdqFrameLines::parse, VpdqFrameLines::write);
    Fuzz.parse(text, () -> VideoHashes.fromBase64(text), InvalidSignalException.class);
  }

  @FunctionalInterface
  private interface VpdqParser {
    List<VpdqFrame> parse(String text) throws VpdqFormatException;
  }

  @FunctionalInterface
  private interface VpdqWriter {
    String write(List<VpdqFrame> frames);
  }
}
