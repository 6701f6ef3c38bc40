package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.hashfed.cli.ExitCodes;
import org.hashfed.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchHttpCommandTest {

  @Test
  void json_reportsBothPhases_withoutErrors_andHalfTheQueriesHit() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "http", "--size", "300", "--duration", "1", "--warmup", "0",
        "--connections", "2", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(300, report.get("matchable").asInt());
    for (String phase : new String[] {"healthz", "match"}) {
      JsonNode side = report.get(phase);
      assertTrue(side.get("requests").asLong() > 0, phase + ": " + side);
      assertEquals(0, side.get("errors").asLong(), phase + ": " + side);
    }
    // Every other query is a corpus hash with at most 31 bits flipped; random misses almost never match.
    double hits = report.get("match_hit_fraction").asDouble();
    assertTrue(hits >= 0.4 && hits <= 0.6, "hit fraction " + hits);
    assertTrue(report.get("in_process_matches_per_second").asDouble() > 0);
  }

  @Test
  void zeroConnections_isUsageErrorNamingTheValue() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "http", "--connections", "0"));
    assertTrue(err.toString().contains("invalid --connections 0: expected 1..1024"), err.toString());
  }
}
