package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference CLI's per-frame lines. */
class VpdqFrameLinesTest {

  private static final String HEX = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";

  @Test
  void parse_referenceFile_writesBackIdentically() throws Exception {
    String text = Files.readString(VpdqConformanceTest.VECTORS.resolve("expected/doorknob-hd-no-bar.txt"),
        StandardCharsets.US_ASCII);
    List<VpdqFrame> frames = VpdqFrameLines.parse(text);
    assertEquals(120, frames.size());
    assertEquals(3967, frames.get(119).timestampMillis());
    assertEquals(text, VpdqFrameLines.write(frames));
  }

  @Test
  void write_formatsSecondsWithThreeDecimals() {
    assertEquals("7,50," + HEX + ",12.005\n",
        VpdqFrameLines.write(List.of(VpdqFrame.of(7, 12_005, PdqHash.fromHex(HEX), 50))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad hex|0,100,xyz,0.000|line 1: invalid pdq value \"xyz\"",
      "quality 101|0,101," + HEX + ",0.000|line 1: quality \"101\" (expected: an integer 0..100)",
      "missing field|0,100," + HEX + "|line 1: \"0,100," + HEX + "\" has 3 fields",
      "NaN|0,100," + HEX + ",NaN|line 1: timestamp \"NaN\" is not a decimal number",
      "negative|0,100," + HEX + ",-0.033|line 1: timestamp -0.033 is negative",
      "negative frame|-1,100," + HEX + ",0.000|line 1: frame number \"-1\" (expected: an integer >= 0)"})
  void parse_badLine_throwsNamingValue(String what, String line, String message) {
    VpdqFormatException e = assertThrows(VpdqFormatException.class, () -> VpdqFrameLines.parse(line + "\n"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_decreasingFrameNumbers_throws() {
    String text = "1,100," + HEX + ",0.033\n0,100," + HEX + ",0.000\n";
    VpdqFormatException e = assertThrows(VpdqFormatException.class, () -> VpdqFrameLines.parse(text));
    assertEquals("line 2: frame number 0 after 1 (expected: increasing)", e.getMessage());
  }

  @Test
  void parse_emptyOrBlankLine_throws() {
    assertThrows(VpdqFormatException.class, () -> VpdqFrameLines.parse(""));
    VpdqFormatException e = assertThrows(VpdqFormatException.class,
        () -> VpdqFrameLines.parse("0,100," + HEX + ",0.000\n\n"));
    assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
  }
}
