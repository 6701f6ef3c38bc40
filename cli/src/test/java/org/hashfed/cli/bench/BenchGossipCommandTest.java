package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.junit.jupiter.api.Test;

class BenchGossipCommandTest {

  @Test
  void json_reportsEachPhaseOfBothModes_withEveryEntryAtEveryNode() {
    CliRun run = CliRun.of("bench", "gossip", "--nodes", "3", "--entries", "10", "--warmup-bursts", "1",
        "--bursts", "2", "--idle-s", "1", "--json");
    assertEquals(ExitCodes.OK, run.status(), run.toString());
    JsonNode report = run.json();
    assertEquals(1, report.get("warmup_bursts").asInt());
    assertEquals(2, report.get("bursts").asInt());
    List<String> rows = new ArrayList<>();
    for (JsonNode r : report.get("results")) {
      String row = r.get("mode").asText() + " " + r.get("burst").asText();
      rows.add(row);
      int expected = r.get("burst").asText().equals("warm") ? 20 : 10;
      assertEquals(expected, r.get("submitted").asInt(), row);
      assertEquals(expected, r.get("complete").asInt(), row);
      assertTrue(r.get("p50Ms").asDouble() <= r.get("p99Ms").asDouble()
          && r.get("p99Ms").asDouble() <= r.get("maxMs").asDouble(), row + ": " + r);
    }
    assertEquals(List.of("tree cold", "tree warm", "tree idle", "flood cold", "flood warm", "flood idle"), rows);
    // With 3 nodes, tree push delivers each entry once to each node; flood twice (from the author
    // and relayed by the other receiver).
    double tree = report.get("results").get(1).get("copiesPerEntryPerNode").asDouble();
    double flood = report.get("results").get(4).get("copiesPerEntryPerNode").asDouble();
    assertTrue(tree >= 1.0 && tree < 1.5, "tree copies " + tree);
    assertTrue(flood > 1.5, "flood copies " + flood);
  }

  @Test
  void noMeasuredBurst_isUsageErrorNamingTheValue() {
    CliRun run = CliRun.of("bench", "gossip", "--bursts", "0");
    assertEquals(ExitCodes.USAGE, run.status(), run.toString());
    assertTrue(run.err().contains("--bursts 1..100") && run.err().contains("got --warmup-bursts 5, --bursts 0,"), run.err());
  }
}
