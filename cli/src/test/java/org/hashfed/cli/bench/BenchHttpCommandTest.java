package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchHttpCommandTest {

  @Test
  void json_reportsEveryPhase_withoutErrors_andHalfTheQueriesHit() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "http", "--size", "300", "--duration", "1", "--warmup", "0",
        "--connections", "2", "--batch", "20", "--json"));
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(300, report.get("matchable").asInt());
    for (String phase : new String[] {"healthz", "match", "batch"}) {
      JsonNode side = report.get(phase);
      assertTrue(side.get("requests").asLong() > 0, phase + ": " + side);
      assertEquals(0, side.get("errors").asLong(), phase + ": " + side);
    }
    // Every other query is a corpus hash with at most 31 bits flipped; random misses almost never match.
    double hits = report.get("match_hit_fraction").asDouble();
    assertTrue(hits >= 0.4 && hits <= 0.6, "hit fraction " + hits);
    assertTrue(report.get("in_process_matches_per_second").asDouble() > 0);
    JsonNode batch = report.get("batch");
    assertEquals(20 * batch.get("requests_per_second").asDouble(), batch.get("signals_per_second").asDouble(), 0.5);
  }

  @Test
  void wrk_drivesEveryPhase_getsAndPostsAuthenticated() throws Exception {
    assumeTrue(WrkLoad.find().isPresent(), "wrk is not installed");
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "http", "--size", "300", "--duration", "1", "--warmup", "0",
        "--connections", "2", "--batch", "20", "--wrk", "--json"));
    JsonNode wrk = new ObjectMapper().readTree(out.toString()).get("wrk");
    for (String phase : new String[] {"healthz", "match", "batch"}) {
      JsonNode side = wrk.get(phase);
      assertTrue(side.get("requests").asLong() > 0, phase + ": " + side);
      // a POST without the key, or with a body the node refuses, would count here as a non-2xx response
      assertEquals(0, side.get("errors").asLong(), phase + ": " + side);
    }
    assertTrue(wrk.has("match_jit_millis") && wrk.has("batch_jit_millis"), wrk.toString());
  }

  @Test
  void store_isLoadedOnce_thenReusedForTheSameCorpus_andRefusedForAnother(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("bench");
    JsonNode first = runJson("--size", "200", "--store", store.toString());
    assertFalse(first.get("store_reused").asBoolean());
    JsonNode second = runJson("--size", "200", "--store", store.toString());
    assertTrue(second.get("store_reused").asBoolean());
    assertEquals(200, second.get("matchable").asInt());
    assertEquals(0, second.get("match").get("errors").asLong());

    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "http", "--size", "201", "--store", store.toString()));
    assertTrue(err.toString().contains("it holds a corpus of 200 entries, seed 20260101, not 201 entries"),
        err.toString());
  }

  private static JsonNode runJson(String... options) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    List<String> args = new ArrayList<>(List.of("bench", "http", "--duration", "1", "--warmup", "0",
        "--connections", "2", "--json"));
    args.addAll(List.of(options));
    assertEquals(ExitCodes.OK, cmd.execute(args.toArray(String[]::new)));
    return new ObjectMapper().readTree(out.toString());
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
