package org.hashfed.cli.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;

/** Reads an exchange's token or credentials from a file or an environment variable, never from the command line. */
final class Secrets {

  /** Longest secret accepted, in characters: far above any token or password, below anything unreasonable. */
  static final int MAX_LENGTH = 8192;

  private Secrets() {}

  /**
   * The first line of {@code file} when given, else the value of {@code variable}; empty when neither is set.
   *
   * @throws CommandError when the file is missing or unreadable, or the secret is blank, too long or not one line of text
   */
  static Optional<String> read(Path file, String variable, Map<String, String> env, String what) throws CommandError {
    String value;
    String from;
    if (file != null) {
      from = file.toString();
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        value = nl < 0 ? text : text.substring(0, nl).strip();
      } catch (NoSuchFileException e) {
        throw CommandError.of(ExitCodes.USAGE, "the " + what + " file " + file + " does not exist");
      } catch (IOException e) {
        throw CommandError.of(ExitCodes.USAGE, "cannot read the " + what + " file " + file + ": " + e.getMessage());
      }
    } else {
      from = "$" + variable;
      value = env.get(variable);
      if (value == null) {
        return Optional.empty();
      }
      value = value.strip();
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw CommandError.of(ExitCodes.USAGE, "the " + what + " from " + from + " is " + (value.isEmpty() ? "empty"
          : value.length() + " characters long (at most " + MAX_LENGTH + ")"));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw CommandError.of(ExitCodes.USAGE, "the " + what + " from " + from + " holds a control character at "
            + "position " + i + ": expected one line of text");
      }
    }
    return Optional.of(value);
  }
}
