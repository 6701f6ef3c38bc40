package org.hashfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.hashfed.cli.base.ExitCodes;
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
  void everyCommandsHelp_formatsWithoutPicocliWarnings() {
    // picocli formats descriptions with String.format: a bare '%' makes it warn on stderr and
    // print the raw text, with literal %n where lines should break.
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.util.List<String> helps = new java.util.ArrayList<>();
    try {
      System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      collectHelp(Main.newCommandLine(), helps);
    } finally {
      System.setErr(stderr);
    }
    String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(helps.size() > 30, "only " + helps.size() + " commands found");
    assertTrue(warnings.isEmpty(), warnings);
    for (String help : helps) {
      assertTrue(!help.contains("%n"), help);
    }
  }

  @Test
  void everyCommandsDescription_isWrappedByPicocli_notBrokenByHand() {
    // picocli wraps each description element on its own: an element longer than the width,
    // continued by the next element, renders as a full line, a stub, a full line, a stub.
    java.util.List<CommandLine> all = new java.util.ArrayList<>();
    collectCommands(Main.newCommandLine(), all);
    for (CommandLine c : all) {
      String[] d = c.getCommandSpec().usageMessage().description();
      for (int i = 0; i + 1 < d.length; i++) {
        assertTrue(d[i].length() <= 80 || d[i + 1].isEmpty(), c.getCommandName() + ": description element "
            + i + " is " + d[i].length() + " characters and continues in the next one; make it one paragraph");
      }
    }
  }

  private static void collectCommands(CommandLine cmd, java.util.List<CommandLine> out) {
    out.add(cmd);
    for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
      collectCommands(sub, out);
    }
  }

  private static void collectHelp(CommandLine cmd, java.util.List<String> out) {
    out.add(cmd.getUsageMessage());
    for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
      collectHelp(sub, out);
    }
  }

  @Test
  void unknownOption_isUsageError() {
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ExitCodes.USAGE, cmd.execute("--no-such-option"));
  }
}
