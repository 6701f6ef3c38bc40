package org.hashfed.cli.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is an interactive terminal, so a progress bar will be seen and not logged. */
public final class Terminal {

  private Terminal() {}

  /** Whether standard error is an interactive terminal. */
  public static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd2)) {
      try {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException e) {
        return false;
      }
    }
    // Without /proc (macOS, Windows) the best Java offers is "stdin and stdout are a console".
    return System.console() != null;
  }
}
