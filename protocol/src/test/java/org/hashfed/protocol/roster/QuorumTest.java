package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuorumTest {

  @ParameterizedTest
  @CsvSource({"1,1", "2,2", "3,2", "4,3", "5,4", "6,4", "7,5", "9,6", "10,7", "30,20", "31,21"})
  void twoThirds_roundsUp(int active, int required) {
    assertEquals(required, Quorum.TWO_THIRDS.required(active));
  }

  @ParameterizedTest
  @CsvSource({"1/2,4,2", "1/2,5,3", "1/1,7,7", "3/4,4,3", "1/100,3,1", "51/100,100,51"})
  void parse_thenRequired(String text, int active, int required) {
    Quorum q = Quorum.parse(text);
    assertEquals(text, q.toString());
    assertEquals(required, q.required(active));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0/3", "4/3", "2/101", "2/0", "2:3", " 2/3", "2/3 ", "-1/3", "2/3/4", "two/three"})
  void parse_withInvalidText_throwsNamingExpectedForm(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quorum.parse(text));
    assertTrue(e.getMessage().contains("expected a fraction n/d"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void required_ofNoActiveMembers_isStillOne() {
    assertEquals(1, Quorum.TWO_THIRDS.required(0));
  }
}
