package org.hashfed.cli.staff;

import java.util.Locale;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.ReasonCode;

/** Checks entry ids and reason codes from the command line before anything is sent. */
final class EntryIds {

  private EntryIds() {}

  static EntryId parse(String id) throws CommandError {
    try {
      return EntryId.parse(id.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid entry id \"" + id + "\": expected the 64 hex digits that "
          + "hashfed submit and hashfed match print");
    }
  }

  static ReasonCode reason(String reason) throws CommandError {
    try {
      return ReasonCode.parse(reason.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --reason: " + e.getMessage());
    }
  }
}
