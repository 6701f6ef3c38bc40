package org.hashfed.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuotedTest {

  @Test
  void quote_escapesControlCharactersQuotesAndBackslashes() {
    assertEquals("\"a\\u000ab\\u0022c\\u005cd\\u007f\"", Quoted.quote("a\nb\"c\\d\u007f"));
  }

  @Test
  void quote_ofNull_isBareNull() {
    assertEquals("null", Quoted.quote(null));
  }

  @Test
  void quote_shortensLongValues() {
    String shown = Quoted.quote("x".repeat(500));
    assertEquals(2 + Quoted.MAX_SHOWN, shown.length());
    assertEquals("\"" + "x".repeat(77) + "...\"", shown);
  }

  @Test
  void abbreviate_keepsShortValues() {
    assertEquals("x".repeat(80), Quoted.abbreviate("x".repeat(80)));
  }
}
