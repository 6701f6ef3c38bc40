package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The python-threatexchange vpdq signal string, written byte for byte as Python writes it. */
class VpdqSignalFormatTest {

  private static final String HEX = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";
  private static final PdqHash HASH = PdqHash.fromHex(HEX);

  /** Expected values printed by CPython 3: {@code format(x, '.3')}. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.0,0.0", "0.0333333,0.0333", "1.0,1.0", "10.0,10.0", "100.0,1e+02", "123.4,1.23e+02",
      "12.345,12.3", "0.00001,1e-05", "9.995,9.99", "99.96,1e+02", "150.0,1.5e+02", "0.0001,0.0001",
      "0.00012345,0.000123", "333.3333,3.33e+02", "1234567.0,1.23e+06"})
  void pythonThreeDigits_matchesPython(double x, String python) {
    assertEquals(python, VpdqSignalFormat.pythonThreeDigits(x));
  }

  @Test
  void write_matchesPythonJsonDumps() {
    List<VpdqFrame> frames = List.of(VpdqFrame.of(0, 0, HASH, 100), VpdqFrame.of(1, 33, HASH, 49),
        VpdqFrame.of(3700, 123_400, HASH, 7));
    assertEquals("[\"" + HEX + ",100,0.0\", \"" + HEX + ",49,0.033\", \"" + HEX + ",7,1.23e+02\"]",
        VpdqSignalFormat.write(frames));
  }

  @Test
  void parse_written_roundTripsToThreeDigits() throws Exception {
    List<VpdqFrame> frames = List.of(VpdqFrame.of(0, 0, HASH, 100), VpdqFrame.of(1, 1500, HASH, 50),
        VpdqFrame.of(2, 123_456, HASH, 0));
    List<VpdqFrame> parsed = VpdqSignalFormat.parse(VpdqSignalFormat.write(frames));
    assertEquals(List.of(VpdqFrame.of(0, 0, HASH, 100), VpdqFrame.of(1, 1500, HASH, 50),
        VpdqFrame.of(2, 123_000, HASH, 0)), parsed);
  }

  @Test
  void parse_indentedJsonAndExponent_accepted() throws Exception {
    List<VpdqFrame> parsed = VpdqSignalFormat.parse("[\n  \"" + HEX.toUpperCase() + ",5,1.5E+01\"\n]");
    assertEquals(List.of(VpdqFrame.of(0, 15_000, HASH, 5)), parsed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad hex|[\"" + "zz" + "71017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c,100,0.0\"]"
          + "|vPDQ signal entry 0: invalid pdq value",
      "short hex|[\"abc,100,0.0\"]|vPDQ signal entry 0: invalid pdq value \"abc\"",
      "quality 101|[\"" + HEX + ",101,0.0\"]|vPDQ signal entry 0: quality \"101\" (expected: an integer 0..100)",
      "missing field|[\"" + HEX + ",100\"]|vPDQ signal entry 0: \"" + HEX + ",100\" has 2 fields",
      "NaN|[\"" + HEX + ",100,nan\"]|vPDQ signal entry 0: timestamp \"nan\" is not a decimal number",
      "negative|[\"" + HEX + ",100,-1.5\"]|vPDQ signal entry 0: timestamp -1.5 is negative",
      "huge|[\"" + HEX + ",100,1e+99\"]|vPDQ signal entry 0: timestamp 1e+99 s exceeds",
      "not a string|[42]|vPDQ signal entry 0: 42 is not a string",
      "object|{}|vPDQ signal is a JSON object",
      "not json|[\"a\",|vPDQ signal is not JSON"})
  void parse_badInput_throwsNamingValue(String what, String signal, String message) {
    VpdqFormatException e = assertThrows(VpdqFormatException.class, () -> VpdqSignalFormat.parse(signal));
    assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_overSizeLimit_refusedBeforeParsing() {
    String huge = "[" + " ".repeat(VpdqSignalFormat.MAX_BYTES) + "]";
    VpdqFormatException e = assertThrows(VpdqFormatException.class, () -> VpdqSignalFormat.parse(huge));
    assertEquals("vPDQ signal of " + (VpdqSignalFormat.MAX_BYTES + 2) + " bytes exceeds the limit of "
        + VpdqSignalFormat.MAX_BYTES, e.getMessage());
  }
}
