package org.hashfed.cli.hash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.pdq.Dihedral;
import org.hashfed.protocol.pdq.DihedralHashes;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.vpdq.HashedVideo;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * Prints outcomes: text lines {@code <type> <value> <path>} as python-threatexchange's
 * {@code threatexchange hash} does (plus the path), or one JSON object per file per line. A video's
 * summary (frames, fps, duration) goes to stderr, so every line on stdout keeps that form.
 */
final class OutcomePrinter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  OutcomePrinter(PrintWriter out, PrintWriter err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  void print(Outcome o) {
    if (json) {
      out.println(toJson(o));
    } else if (o.failed()) {
      err.println("hashfed: " + o.path + ": " + o.error);
    } else {
      printText(o);
    }
    if (!o.failed()) {
      o.hashes.pdq().filter(p -> !p.isShareable()).ifPresent(p -> err.println(
          "hashfed: warning: " + o.path + ": PDQ quality " + p.quality() + " is below "
              + PdqResult.MIN_SHAREABLE_QUALITY + "; the consortium will refuse this hash"));
      o.hashes.video().filter(v -> !v.hashes().hasShareableFrame()).ifPresent(v -> err.println(
          "hashfed: warning: " + o.path + ": no vPDQ frame reaches quality " + PdqResult.MIN_SHAREABLE_QUALITY
              + "; the consortium will refuse this hash"));
    }
    out.flush();
    err.flush();
  }

  private void printText(Outcome o) {
    FileHashes h = o.hashes;
    String path = o.path.toString();
    out.println("md5 " + h.digests().md5Hex() + " " + path);
    out.println("sha256 " + h.digests().sha256Hex() + " " + path);
    h.pdq().ifPresent(p -> out.println("pdq " + p.hash().toHex() + " " + path));
    h.dihedral().ifPresent(d -> {
      for (Map.Entry<Dihedral, PdqHash> e : d.all().entrySet()) {
        if (e.getKey() != Dihedral.ORIGINAL) {
          out.println("pdq_" + e.getKey().label() + " " + e.getValue().toHex() + " " + path);
        }
      }
    });
    h.video().ifPresent(v -> {
      out.println("vpdq " + v.hashes().digest() + " " + path);
      err.println("hashfed: " + path + ": vpdq of " + VideoOptions.describe(v));
    });
  }

  private static String toJson(Outcome o) {
    ObjectNode node = JSON.createObjectNode();
    node.put("path", o.path.toString());
    if (o.failed()) {
      node.put("error", o.error);
    } else {
      FileHashes h = o.hashes;
      node.put("bytes", h.digests().bytes());
      node.put("md5", h.digests().md5Hex());
      node.put("sha256", h.digests().sha256Hex());
      h.pdq().ifPresent(p -> {
        ObjectNode pdq = node.putObject("pdq");
        pdq.put("hash", p.hash().toHex());
        pdq.put("quality", p.quality());
        h.dihedral().ifPresent(d -> putDihedral(pdq, d));
      });
      h.video().ifPresent(v -> putVideo(node.putObject("vpdq"), v));
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree of strings and numbers", e);
    }
  }

  private static void putDihedral(ObjectNode pdq, DihedralHashes d) {
    ObjectNode variants = pdq.putObject("dihedral");
    for (Map.Entry<Dihedral, PdqHash> e : d.all().entrySet()) {
      if (e.getKey() != Dihedral.ORIGINAL) {
        variants.put(e.getKey().label(), e.getValue().toHex());
      }
    }
  }

  private static void putVideo(ObjectNode vpdq, HashedVideo v) {
    VideoHashes hashes = v.hashes();
    vpdq.put("fps", v.fps());
    vpdq.put("seconds_per_hash", v.secondsPerHash());
    ArrayNode frames = vpdq.putArray("frames");
    for (VpdqFrame f : hashes.frames()) {
      frames.addObject().put("frame", f.frameNumber()).put("timestamp", f.timestampSeconds())
          .put("hash", f.hash().toHex()).put("quality", f.quality());
    }
    vpdq.put("value", hashes.digest());
    hashes.content().ifPresent(c -> {
      ObjectNode content = vpdq.putObject("content").put("x", c.x()).put("y", c.y()).put("width", c.width())
          .put("height", c.height());
      putResults(content.putArray("frames"), c.frames());
    });
    hashes.centre().ifPresent(c -> {
      ObjectNode centre = vpdq.putObject("centre");
      putResults(centre.putArray("centre_60"), c.narrow());
      putResults(centre.putArray("centre_80"), c.wide());
    });
  }

  private static void putResults(ArrayNode out, List<PdqResult> results) {
    for (PdqResult r : results) {
      out.addObject().put("hash", r.hash().toHex()).put("quality", r.quality());
    }
  }
}
