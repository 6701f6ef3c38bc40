package org.hashfed.node.hma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The member-to-bank mapping and bank content ids of spec/hma.md. */
class BanksTest {

  @ParameterizedTest
  @CsvSource({"acme,ACME", "acme-eu,ACME_EU", "4chan,_4CHAN", "a-1--b,A_1__B", "0x,_0X"})
  void bankName_ofMember_isHmaShaped_andMapsBack(String member, String bank) {
    MemberId m = MemberId.parse(member);
    assertEquals(bank, Banks.bankName(m));
    assertTrue(bank.matches("[A-Z_][A-Z0-9_]*"), "HMA's bank name pattern");
    assertEquals(Optional.of(m), Banks.member(bank));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "_ACME", "ACME-EU", "A", "_", "__4CHAN", "9LIVES"})
  void member_ofNameNoMemberHas_isEmpty(String bank) {
    assertEquals(Optional.empty(), Banks.member(bank));
  }

  @ParameterizedTest
  @CsvSource({
      "0000000000000000000000000000000000000000000000000000000000000000,0",
      "ffffffffffffff00000000000000000000000000000000000000000000000000,9007199254740991",
      "0123456789abcdefffffffffffffffffffffffffffffffffffffffffffffffff,40031996687737"})
  void contentId_isTheFirst53BitsOfTheEntryId(String entry, long id) {
    assertEquals(id, Banks.contentId(EntryId.parse(entry)));
    assertTrue(id < (1L << 53), "exact as a JSON double");
  }
}
