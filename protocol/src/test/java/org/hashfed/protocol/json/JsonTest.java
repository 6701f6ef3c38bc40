package org.hashfed.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readTree_ofANumberBigDecimalCannotHold_throwsIOExceptionNamingIt() {
    IOException e = assertThrows(IOException.class, () -> Json.readTree(utf8("{\"last_updated\": 1700e9800000100}")));
    assertTrue(e.getMessage().contains("number out of range"), e.getMessage());
    assertTrue(e.getMessage().contains("1700e9800000100"), e.getMessage());
  }

  @Test
  void readTree_ofALargeButRepresentableExponent_keepsItsValue() throws IOException {
    assertEquals(new BigDecimal("1e400"), Json.readTree(utf8("{\"n\": 1e400}")).get("n").decimalValue());
  }

  @Test
  void readTree_ofDuplicateKeys_throwsIOException() {
    assertThrows(IOException.class, () -> Json.readTree(utf8("{\"role\": \"query\", \"role\": \"admin\"}")));
  }
}
