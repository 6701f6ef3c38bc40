package org.hashfed.node.hma;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;

/**
 * HMA banks and bank content ids of hashfed submissions: a bank is the member that submitted,
 * its name the member id in upper case with {@code -} as {@code _} (and a leading {@code _} when
 * the id starts with a digit); a bank content id is the first 53 bits of the entry id.
 */
final class Banks {

  private static final Pattern BANK_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private Banks() {}

  /** The bank of {@code member}: {@code acme-eu} is {@code ACME_EU}, {@code 4chan} is {@code _4CHAN}. */
  static String bankName(MemberId member) {
    String upper = member.value().toUpperCase(Locale.ROOT).replace('-', '_');
    return Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
  }

  /** The member whose bank is {@code bank}, or empty when no member id maps to that name. */
  static Optional<MemberId> member(String bank) {
    if (bank == null || !BANK_NAME.matcher(bank).matches()) {
      return Optional.empty();
    }
    String id = bank.startsWith("_") && bank.length() > 1 && Character.isDigit(bank.charAt(1)) ? bank.substring(1) : bank;
    try {
      MemberId m = MemberId.parse(id.toLowerCase(Locale.ROOT).replace('_', '-'));
      return bankName(m).equals(bank) ? Optional.of(m) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The bank content id of an entry: its first 53 bits as a non-negative integer, so that it is
   * exact in JavaScript and JSON parsers that read numbers as doubles. Stable on every node.
   */
  static long contentId(EntryId entry) {
    return Long.parseUnsignedLong(entry.hex().substring(0, 14), 16) >>> 3;
  }
}
