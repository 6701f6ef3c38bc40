package org.hashfed.cli.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.staff.Table;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.pdq.Dihedral;
import org.hashfed.protocol.pdq.PdqHash;

/** The PDQ distance from image A (or, with --dihedral, its closest rotation or flip) to B. */
final class ImageComparison implements CompareCommand.Comparison {

  /** The distance at which nodes report a PDQ match by default. */
  static final int MAX_DISTANCE = 31;

  private final Sides sides;
  private final int distance;
  private final Dihedral variant;
  private final boolean triedVariants;

  private ImageComparison(Sides sides, int distance, Dihedral variant, boolean triedVariants) {
    this.sides = sides;
    this.distance = distance;
    this.variant = variant;
    this.triedVariants = triedVariants;
  }

  /** Compares A's PDQ (every dihedral variant, when A has them) with {@code b}; {@code bHashes} null for a hash. */
  static ImageComparison of(String aName, FileHashes a, String bName, PdqHash b, FileHashes bHashes)
      throws CommandError {
    if (a.pdq().isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, "cannot compare " + aName + " (" + CompareCommand.kind(a)
          + ") with a pdq hash: give an image");
    }
    Dihedral best = Dihedral.ORIGINAL;
    int bestDistance = a.pdq().get().hash().distance(b);
    if (a.dihedral().isPresent()) {
      for (Map.Entry<Dihedral, PdqHash> e : a.dihedral().get().all().entrySet()) {
        int d = e.getValue().distance(b);
        if (d < bestDistance) {
          bestDistance = d;
          best = e.getKey();
        }
      }
    }
    return new ImageComparison(new Sides(aName, a, bName, bHashes), bestDistance, best, a.dihedral().isPresent());
  }

  @Override
  public boolean matches() {
    return distance <= MAX_DISTANCE;
  }

  @Override
  public void print(PrintWriter out) {
    Table t = sides.table();
    t.add("pdq distance", distance + " of 256 bits (a match is " + MAX_DISTANCE + " or less)", "");
    if (triedVariants) {
      t.add("closest", variant == Dihedral.ORIGINAL ? "A as it is" : "A " + variant.label(), "");
    }
    t.print(out);
    Sides.result(out, matches(), "pdq distance " + distance
        + (variant == Dihedral.ORIGINAL ? "" : ", A " + variant.label()));
  }

  @Override
  public ObjectNode json() {
    ObjectNode o = sides.json();
    ObjectNode pdq = o.putObject("pdq").put("distance", distance).put("max_distance", MAX_DISTANCE);
    if (triedVariants) {
      pdq.put("variant", variant.label());
    }
    o.put("match", matches());
    return o;
  }
}
