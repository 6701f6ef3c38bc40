package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchMatchCommandTest {

  @Test
  void json_reportsBothMatchers_andTheirResultsAgree() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "match", "--size", "5000", "--queries", "200", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(5000, report.get("index").get("hashes").asInt());
    assertEquals(5000, report.get("linear_scan").get("hashes").asInt());
    assertTrue(report.get("results_agree").asBoolean());
    // Every hit query is a corpus hash with at most 31 bits flipped, so each must match.
    JsonNode index = report.get("index");
    assertEquals(index.get("hit_queries").asInt(), index.get("hit_queries_matched").asInt());
  }

  @Test
  void table_hasARowPerMeasure() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "match", "--size", "2000", "--queries", "100"));
    for (String row : new String[] {"index build (s)", "heap per hash", "single query p99 (us)", "batch throughput"}) {
      assertTrue(out.toString().contains(row), row + " missing from:\n" + out);
    }
  }

  @Test
  void sizeZero_isUsageErrorNamingTheValue() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "match", "--size", "0"));
    assertTrue(err.toString().contains("invalid --size 0: expected 1..100000000"), err.toString());
  }
}
