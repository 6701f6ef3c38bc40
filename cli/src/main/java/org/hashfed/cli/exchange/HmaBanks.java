package org.hashfed.cli.exchange;

import java.util.Locale;

/**
 * The HMA names of spec/hma.md section 2 and 3, for files: a member's bank name, and a submission's
 * bank content id (the first 53 bits of its entry id), the same a node's HMA routes answer.
 */
final class HmaBanks {

  private HmaBanks() {}

  /** {@code acme-eu} is {@code ACME_EU}, {@code 4chan} is {@code _4CHAN}. */
  static String bankName(String member) {
    String upper = member.toUpperCase(Locale.ROOT).replace('-', '_');
    return Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
  }

  /** The bank content id of an entry id (64 hex digits). */
  static long contentId(String entryId) {
    return Long.parseUnsignedLong(entryId.substring(0, 14), 16) >>> 3;
  }
}
