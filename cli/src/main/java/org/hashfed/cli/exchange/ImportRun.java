package org.hashfed.cli.exchange;

import org.hashfed.cli.staff.StaffCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.pdq.PdqResult;
import picocli.CommandLine.Option;

/**
 * An {@code hashfed import} subcommand: the options every source shares and the run itself: open
 * the state directory, read the source page by page from its checkpoint, apply each page to the
 * node, print the summary.
 */
abstract class ImportRun extends StaffCommand {

  @Option(names = "--state", paramLabel = "DIR", description = "Directory of this import's checkpoint and journal "
      + "(default: see each source).")
  Path state;

  @Option(names = "--dry-run", description = "Read the source and print what would be submitted and retracted; "
      + "send and save nothing.")
  boolean dryRun;

  @Option(names = "--label", paramLabel = "LABEL", description = "A label every imported entry gets besides "
      + "source:NAME, e.g. behavior:propaganda; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--pdq-quality", paramLabel = "N", description = "Quality recorded with PDQ hashes, which "
      + "exchanges publish without one, 50 to 100 (default: ${DEFAULT-VALUE}, the lowest a node accepts).",
      defaultValue = "50")
  int pdqQuality;

  /** Opens the source where the earlier runs recorded in {@code state} left it. */
  interface SourceOpener {
    Source open(ImportState state, ItemFactory items) throws CommandError;
  }

  /**
   * Runs the import of {@code sourceName} (the {@code source:} label) and prints its summary.
   *
   * @param stateId what the state directory is of, e.g. {@code threatexchange-<group>}; a directory of another is refused
   * @return 0 when every record was handled, 1 when some were malformed or refused (they are listed)
   */
  int run(String sourceName, String stateId, Path defaultState, int maxPages, SourceOpener opener) throws CommandError {
    ItemFactory items = itemFactory(sourceName);
    Path dir = state != null ? state : defaultState;
    // A dry run never talks to the node, which need not be reachable or even named.
    NodeClient client = dryRun ? null : client();
    try (ImportState st = ImportState.open(dir, stateId, dryRun);
        Source source = opener.open(st, items)) {
      if (client != null) {
        st.bindMember(client.get("/v1/status").path("member").asText());
      }
      Importer importer = new Importer(client, st, dryRun, json, out(), err());
      boolean complete;
      try {
        complete = importer.run(source, maxPages);
      } catch (CommandError e) {
        // a script still learns what was done before the failure
        if (json) {
          printJson(importer.summary().json(stateId, dryRun).put("complete", false).put("state", dir.toString())
              .put("checkpoint", st.checkpoint().orElse(null)).put("error", e.getMessage()));
        }
        throw e;
      }
      ImportSummary summary = importer.summary();
      if (json) {
        printJson(summary.json(stateId, dryRun).put("complete", complete).put("state", dir.toString())
            .put("checkpoint", st.checkpoint().orElse(null)));
      }
      err().println((dryRun ? "dry run, nothing was sent: " : "imported from " + sourceName + ": ")
          + summary.line(dryRun) + "." + (complete ? "" : " Stopped after " + maxPages + " page(s) (--max-pages): "
          + "run the command again to continue.") + (dryRun ? "" : " State: " + dir));
      return summary.skippedBad() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
    }
  }

  private ItemFactory itemFactory(String sourceName) throws CommandError {
    if (pdqQuality < PdqResult.MIN_SHAREABLE_QUALITY || pdqQuality > 100) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --pdq-quality " + pdqQuality + ": expected "
          + PdqResult.MIN_SHAREABLE_QUALITY + " to 100 (nodes refuse PDQ hashes of lower quality)");
    }
    List<Label> extra = new ArrayList<>();
    for (String l : labels) {
      try {
        extra.add(Label.parse(l.strip()));
      } catch (IllegalArgumentException e) {
        throw CommandError.of(ExitCodes.USAGE, "invalid --label: " + e.getMessage());
      }
    }
    if (extra.size() + 1 > ItemFactory.MAX_LABELS) {
      throw CommandError.of(ExitCodes.USAGE, extra.size() + " --label options: at most " + (ItemFactory.MAX_LABELS - 1)
          + " (every entry also carries source:" + sourceName + ")");
    }
    return new ItemFactory(sourceName, extra, pdqQuality);
  }
}
