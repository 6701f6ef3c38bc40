package org.hashfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void version_printsProjectVersion() {
    CommandLine cmd = Main.newCommandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    assertEquals(0, cmd.execute("--version"));
    assertTrue(out.toString().startsWith("hashfed 0."), out.toString());
  }

  @Test
  void unknownOption_isUsageError() {
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ExitCodes.USAGE, cmd.execute("--no-such-option"));
  }
}
