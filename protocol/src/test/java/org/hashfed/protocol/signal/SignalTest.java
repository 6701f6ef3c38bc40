package org.hashfed.protocol.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SignalTest {

  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  @Test
  void parse_normalisesToLowercase() {
    Signal s = Signal.parse("md5", "D41D8CD98F00B204E9800998ECF8427E");
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", s.value());
    assertEquals(SignalType.MD5, s.type());
    assertEquals("md5:d41d8cd98f00b204e9800998ecf8427e", s.toString());
    assertEquals(OptionalInt.empty(), s.quality());
  }

  @Test
  void pdq_keepsQuality() {
    Signal s = Signal.pdq(PDQ, 87);
    assertEquals(OptionalInt.of(87), s.quality());
    assertEquals("pdq:" + PDQ, s.toString());
    assertEquals(Signal.pdq(PDQ, null), s.withoutQuality());
  }

  @Test
  void parse_withWrongLength_namesTypeValueAndExpectedForm() {
    InvalidSignalException e = assertThrows(InvalidSignalException.class, () -> Signal.parse("md5", "abc"));
    assertEquals("invalid md5 value \"abc\": expected 32 hex digits, got 3 characters", e.getMessage());
  }

  @Test
  void parse_withSurroundingSpace_isNotTrimmed() {
    assertThrows(InvalidSignalException.class, () -> Signal.parse("md5", " d41d8cd98f00b204e9800998ecf8427e"));
    assertThrows(InvalidSignalException.class, () -> Signal.parse("md5", "d41d8cd98f00b204e9800998ecf8427 "));
  }

  @Test
  void parse_withNonHexCharacter_namesPosition() {
    InvalidSignalException e = assertThrows(InvalidSignalException.class,
        () -> Signal.parse("sha256", PDQ.substring(0, 10) + "g" + PDQ.substring(11)));
    assertTrue(e.getMessage().contains("character \"g\" at position 10"), e.getMessage());
    assertTrue(e.getMessage().startsWith("invalid sha256 value"), e.getMessage());
  }

  @Test
  void parse_withUnicodeDigit_throws() {
    // Character.digit would accept these; the wire form is ASCII hex only.
    assertThrows(InvalidSignalException.class, () -> Signal.parse("md5", "\u0661" + "1d8cd98f00b204e9800998ecf8427e0"));
  }

  @Test
  void parse_withUnknownType_listsKnownTypes() {
    InvalidSignalException e = assertThrows(InvalidSignalException.class, () -> Signal.parse("PDQ", PDQ));
    assertEquals("unknown signal type \"PDQ\": expected one of pdq, md5, sha256, vpdq", e.getMessage());
  }

  @Test
  void quality_outOfRangeOrOnExactHash_throws() {
    assertThrows(InvalidSignalException.class, () -> Signal.pdq(PDQ, 101));
    assertThrows(InvalidSignalException.class, () -> Signal.pdq(PDQ, -1));
    InvalidSignalException e = assertThrows(InvalidSignalException.class,
        () -> Signal.create(SignalType.SHA256, PDQ, 50));
    assertTrue(e.getMessage().contains("only pdq signals have a quality"), e.getMessage());
  }

  @Test
  void signalType_wireNames() {
    assertEquals("pdq", SignalType.PDQ.wireName());
    assertEquals("md5", SignalType.MD5.wireName());
    assertEquals("sha256", SignalType.SHA256.wireName());
    assertEquals(SignalType.SHA256, SignalType.parse("sha256"));
  }
}
