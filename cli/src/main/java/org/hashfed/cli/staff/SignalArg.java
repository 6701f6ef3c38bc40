package org.hashfed.cli.staff;

import java.util.Locale;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/** Parses {@code --signal TYPE:VALUE[:QUALITY]}, e.g. {@code pdq:f8f8...:92} or {@code md5:d41d...}. */
final class SignalArg {

  static final String EXPECTED = "TYPE:VALUE with TYPE pdq, md5 or sha256 (a pdq may end in :QUALITY, 0..100), "
      + "e.g. md5:d41d8cd98f00b204e9800998ecf8427e";

  private SignalArg() {}

  static Signal parse(String arg) throws CommandError {
    String[] parts = arg.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --signal \"" + arg + "\": expected " + EXPECTED);
    }
    try {
      SignalType type = SignalType.parse(parts[0].strip().toLowerCase(Locale.ROOT));
      Integer quality = null;
      if (parts.length == 3) {
        try {
          quality = Integer.valueOf(parts[2].strip());
        } catch (NumberFormatException e) {
          throw CommandError.of(ExitCodes.USAGE, "invalid --signal \"" + arg + "\": quality \"" + parts[2]
              + "\" is not an integer (expected " + EXPECTED + ")");
        }
      }
      return Signal.create(type, parts[1].strip(), quality);
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --signal \"" + arg + "\": " + e.getMessage());
    }
  }
}
