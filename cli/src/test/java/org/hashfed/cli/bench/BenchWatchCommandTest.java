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

class BenchWatchCommandTest {

  @Test
  void json_reportsTheWatchListAndTheScan_andTheirResultsAgree() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "watch", "--size", "3000", "--signals", "200", "--scan-signals",
        "100", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(3000, report.get("size").asInt());
    assertTrue(report.get("results_agree").asBoolean());
    // every even signal is a watched hash with at most 31 bits flipped
    assertTrue(report.get("watch_list").get("signals_matched").asInt() >= 100, report.toString());
  }

  @Test
  void videos_findEveryWatchedVideoSharedAgain_andNoUnrelatedOne_andReportTheBaseline() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "watch", "--size", "50", "--video-seconds", "20",
        "--video-signals", "10", "--baseline-videos", "10", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertTrue(report.get("results_agree").asBoolean(), report.toString());
    assertEquals(50 * 20 * 3, report.get("frame_hashes").asInt(), "three frame hashes a second");
    assertTrue(report.get("baseline_per_watched_video_ms").asDouble() > 0, report.toString());
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "watch", "--video-seconds", "3601"));
    assertTrue(err.toString().contains("invalid --video-seconds 3601: expected 1..3600"), err.toString());
  }

  @Test
  void table_andUsageError() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "watch", "--size", "1000", "--signals", "50"));
    assertTrue(out.toString().contains("signal match p99 (us)"), out.toString());
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "watch", "--size", "0"));
    assertTrue(err.toString().contains("invalid --size 0: expected 1..100000000"), err.toString());
  }
}
