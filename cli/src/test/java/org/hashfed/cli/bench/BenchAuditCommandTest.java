package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchAuditCommandTest {

  @Test
  void bench_verifiesItsBundle_andKeepsItForAnotherBuild(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("bundle.json");
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "audit", "--entries", "301", "--members", "3", "--keep",
        bundle.toString()));
    assertTrue(out.toString().contains("audit verify --bundle (both)"), out.toString());
    assertTrue(Files.size(bundle) > 301 * 100);

    // the kept bundle is what hashfed audit verify reads: every entry checked, the log holds
    StringWriter verified = new StringWriter();
    CommandLine verify = Main.newCommandLine();
    verify.setOut(new PrintWriter(verified));
    assertEquals(ExitCodes.OK, verify.execute("audit", "verify", "--bundle", bundle.toString()));
    assertTrue(verified.toString().contains("checked    301 leaves: 301 entries of 3 members"), verified.toString());
  }

  @Test
  void zeroEntries_isUsageErrorNamingTheValue() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "audit", "--entries", "0"));
    assertTrue(err.toString().contains("invalid --entries 0: expected 1..10000000"), err.toString());
  }
}
