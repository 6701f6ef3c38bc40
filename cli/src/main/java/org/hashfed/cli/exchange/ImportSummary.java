package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an import did, counted as it goes; printed as the last line on stderr or as the {@code --json} document. */
final class ImportSummary {

  /** Malformed records listed in full before the rest are only counted. */
  static final int MAX_LISTED = 1000;

  int pages;
  int records;
  int submitted;
  int retracted;
  int relabelled;
  int alreadyImported;
  int deletedUnknown;
  int refused;
  final Map<String, Integer> unsupported = new TreeMap<>();
  final List<SourcePage.Malformed> malformed = new ArrayList<>();
  int malformedCount;
  final ArrayNode planned = JsonNodeFactory.instance.arrayNode();

  void addMalformed(SourcePage.Malformed m) {
    malformedCount++;
    if (malformed.size() < MAX_LISTED) {
      malformed.add(m);
    }
  }

  void add(SourcePage page) {
    pages++;
    records += page.size();
    page.unsupported().forEach((k, v) -> unsupported.merge(k, v, Integer::sum));
    page.malformed().forEach(this::addMalformed);
  }

  int unsupportedCount() {
    return unsupported.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether some records were skipped because they were malformed or the node refused them. */
  boolean skippedBad() {
    return malformedCount > 0 || refused > 0;
  }

  String line(boolean dryRun) {
    String verb = dryRun ? "would be " : "";
    return records + " record(s) in " + pages + " page(s): " + submitted + " " + verb + "submitted, " + relabelled + " " + verb + "relabelled, " + retracted + " "
        + verb + "retracted, " + alreadyImported + " already imported, " + deletedUnknown
        + " deletion(s) of records never imported, " + unsupportedCount() + " of unsupported types"
        + (unsupported.isEmpty() ? "" : " " + unsupported) + ", " + malformedCount + " malformed, " + refused
        + " refused by the node";
  }

  ObjectNode json(String source, boolean dryRun) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("source", source).put("dry_run", dryRun)
        .put("pages", pages).put("records", records).put("submitted", submitted).put("relabelled", relabelled).put("retracted", retracted)
        .put("already_imported", alreadyImported).put("deletions_not_imported", deletedUnknown)
        .put("refused", refused).put("malformed_count", malformedCount);
    ObjectNode u = o.putObject("unsupported");
    unsupported.forEach(u::put);
    ArrayNode m = o.putArray("malformed");
    for (SourcePage.Malformed x : malformed) {
      m.addObject().put("record", x.record()).put("reason", x.reason());
    }
    if (dryRun) {
      o.set("planned", planned);
    }
    return o;
  }
}
