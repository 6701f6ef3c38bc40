package org.hashfed.cli.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hashfed.cli.hash.VideoOptions;
import org.hashfed.cli.staff.Table;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.vpdq.VpdqComparison;

/** How much of video A is found in video B and of B in A, against the match thresholds. */
final class VideoComparison implements CompareCommand.Comparison {

  private final Sides sides;
  private final VpdqComparison c;
  private final double queryPercent;
  private final double comparedPercent;

  private VideoComparison(Sides sides, VpdqComparison c, double queryPercent, double comparedPercent) {
    this.sides = sides;
    this.c = c;
    this.queryPercent = queryPercent;
    this.comparedPercent = comparedPercent;
  }

  static VideoComparison of(String aName, FileHashes a, String bName, FileHashes b, double queryPercent,
      double comparedPercent) {
    VpdqComparison c = VpdqComparison.of(a.video().orElseThrow().hashes(), b.video().orElseThrow().hashes());
    return new VideoComparison(new Sides(aName, a, bName, b), c, queryPercent, comparedPercent);
  }

  @Override
  public boolean matches() {
    return c.matches(queryPercent, comparedPercent);
  }

  @Override
  public void print(PrintWriter out) {
    Table t = sides.table();
    t.add("usable frames", c.queryTotal() + " distinct, quality >= 50", c.comparedTotal() + " distinct, quality >= 50");
    t.add("matched", c.queryMatched() + " (" + pct(c.queryPercent()) + ", query%)",
        c.comparedMatched() + " (" + pct(c.comparedPercent()) + ", compared%)");
    t.add("needed", "query% >= " + pct(queryPercent), "compared% >= " + pct(comparedPercent));
    t.add("hashes", c.pairing().queryHashes(), c.pairing().comparedHashes());
    t.print(out);
    Sides.result(out, matches(), "query% " + pct(c.queryPercent()) + ", compared% " + pct(c.comparedPercent())
        + ", via " + c.pairing().via());
  }

  private static String pct(double p) {
    return VideoOptions.number(p, 1) + "%";
  }

  @Override
  public ObjectNode json() {
    ObjectNode o = sides.json();
    ObjectNode v = o.putObject("vpdq");
    v.put("query_percent", c.queryPercent()).put("compared_percent", c.comparedPercent())
        .put("query_frames", c.queryTotal()).put("query_matched", c.queryMatched())
        .put("compared_frames", c.comparedTotal()).put("compared_matched", c.comparedMatched())
        .put("via", c.pairing().via());
    v.putObject("hashes").put("a", c.pairing().queryHashes()).put("b", c.pairing().comparedHashes());
    v.putObject("thresholds").put("query_percent", queryPercent).put("compared_percent", comparedPercent);
    o.put("match", matches());
    return o;
  }
}
