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

class BenchVideoCommandTest {

  private static final String VIDEOS = "../protocol/src/test/resources/vpdq/videos";

  @Test
  void json_onOneShortSourceAndOneEdit_reportsEveryPart() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "video", VIDEOS, "--sources", "test-padded-dimensions",
        "--edits", "scale=0.5", "--query-seconds", "0.5", "--threads", "1", "--index-videos", "20", "--frames", "30",
        "--queries", "3", "--scan-queries", "2", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    JsonNode recall = report.get("recall");
    assertEquals(2, recall.get("files").asInt());
    JsonNode edit = recall.get("edits").get(0);
    assertEquals("scale=0.5", edit.get("edit").asText());
    assertEquals(2, edit.get("pairs").asInt(), "both directions of the one source-copy pair");
    for (String method : new String[] {"plain", "content", "centre", "contained", "dense"}) {
      assertTrue(edit.has(method), method + " missing from " + edit);
      assertTrue(recall.get("false_matches").has(method), method + " missing from " + recall);
    }
    assertEquals(0, recall.get("cross_pairs").asInt());
    assertEquals(80.0, recall.get("contained_percent").asDouble());
    assertTrue(edit.get("contained").asInt() >= edit.get("centre").asInt(), "containment only adds matches: " + edit);
    JsonNode runs = report.get("throughput").get("runs");
    assertEquals("decode", runs.get(0).get("pass").asText());
    assertTrue(runs.get(0).get("video_seconds").asDouble() > 0, runs.toString());
    JsonNode latency = report.get("latency");
    assertEquals(3, latency.get("catalog").get("queries").asInt());
    assertEquals(2, latency.get("linear_scan").get("queries").asInt());
    assertEquals(latency.get("scan_compared").asInt(), latency.get("scan_agreed").asInt(), latency.toString());
    assertEquals(3, latency.get("queries_found").asInt(), "every query is a noisy copy of an indexed video");
  }

  @Test
  void table_ofTheLatencyPartAlone_namesBothSides() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "video", "--skip", "recall,throughput", "--index-videos", "10",
        "--frames", "20", "--queries", "2", "--scan-queries", "1"));
    assertTrue(out.toString().contains("catalog"), out.toString());
    assertTrue(out.toString().contains("linear scan"), out.toString());
  }

  @Test
  void unknownEdit_isUsageErrorNamingIt() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "video", VIDEOS, "--edits", "scale=0.5;blur=3"));
    assertTrue(err.toString().contains("unknown edit 'blur'"), err.toString());
  }

  @Test
  void querySecondsAboveHalf_isUsageErrorNamingTheValue() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "video", VIDEOS, "--query-seconds", "2"));
    assertTrue(err.toString().contains("invalid --query-seconds 2.0: expected 0..0.5"), err.toString());
  }
}
