package org.hashfed.cli.compare;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hashfed.cli.staff.Table;
import org.hashfed.protocol.filehash.FileHashes;

/** What both comparisons show of A and B: the file, what it is and its SHA-256, as table rows and JSON. */
final class Sides {

  private final String aName;
  private final FileHashes a;
  private final String bName;
  private final FileHashes b;

  /** {@code b} is null when B is a hash given on the command line. */
  Sides(String aName, FileHashes a, String bName, FileHashes b) {
    this.aName = aName;
    this.a = a;
    this.bName = bName;
    this.b = b;
  }

  /** A table whose first rows describe A and B; the comparison adds its own rows. */
  Table table() {
    Table t = new Table("", "A", "B");
    t.add("file", aName, b == null ? "(a hash)" : bName);
    t.add("kind", CompareCommand.kind(a), b == null ? "pdq hash" : CompareCommand.kind(b));
    t.add("identical", identical() ? "yes (same SHA-256)" : "no", "");
    return t;
  }

  boolean identical() {
    return b != null && a.digests().sha256Hex().equals(b.digests().sha256Hex());
  }

  /** {@code {"a": {...}, "b": {...}, "identical": ...}}. */
  ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("a", side(aName, a));
    o.set("b", b == null ? JsonNodeFactory.instance.objectNode().put("signal", bName) : side(bName, b));
    o.put("identical", identical());
    return o;
  }

  private static ObjectNode side(String name, FileHashes h) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("path", name)
        .put("kind", h.video().isPresent() ? "video" : h.pdq().isPresent() ? "image" : "other")
        .put("sha256", h.digests().sha256Hex());
    h.pdq().ifPresent(p -> o.putObject("pdq").put("hash", p.hash().toHex()).put("quality", p.quality()));
    h.video().ifPresent(v -> o.putObject("vpdq").put("value", v.hashes().digest())
        .put("frames", v.hashes().frames().size()).put("fps", v.fps()).put("seconds_per_hash", v.secondsPerHash()));
    return o;
  }

  static void result(PrintWriter out, boolean matches, String detail) {
    out.println();
    out.println("result: " + (matches ? "MATCH" : "NO MATCH") + " (" + detail + ")");
  }
}
