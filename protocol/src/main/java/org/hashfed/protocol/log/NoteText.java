package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Character rules shared by signed notes, checkpoints and key names. */
final class NoteText {

  private NoteText() {}

  /** Strict UTF-8 decoding: malformed or unpaired sequences are errors, never replaced. */
  static String decodeUtf8(byte[] bytes, String what) throws LogFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new LogFormatException(what + " is not valid UTF-8", e);
    }
  }

  /** The index of the first character that a note may not contain (controls but newline, lone surrogates), or -1. */
  static int firstForbidden(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code name} is a valid key name: non-empty, no Unicode space, no plus, no control character. */
  static boolean isValidKeyName(String name) {
    if (name == null || name.isEmpty() || firstForbidden(name) >= 0) {
      return false;
    }
    return name.codePoints().noneMatch(cp -> cp == '+' || cp < 0x20 || Character.isWhitespace(cp) || Character.isSpaceChar(cp));
  }

  static String describe(int codePointOrChar) {
    return String.format("U+%04X", codePointOrChar);
  }
}
