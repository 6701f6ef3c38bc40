package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.staff.Bodies;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/**
 * Applies a source's pages to the node: a record not imported before is submitted, one imported
 * before is left alone when unchanged, relabelled when its labels changed, and replaced (retracted,
 * then submitted) when its hash changed; a deletion retracts what an earlier import submitted. Every acknowledged
 * submission and retraction is in the journal before the next record is sent, and the checkpoint
 * moves only after a whole page is done, so an interrupted import resumes without duplicates.
 */
final class Importer {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final NodeClient client;
  private final ImportState state;
  private final boolean dryRun;
  private final boolean listPlanned;
  private final PrintWriter out;
  private final PrintWriter progress;
  private final ImportSummary summary = new ImportSummary();

  /**
   * @param client the node; null for a dry run
   * @param listPlanned in a dry run, whether to keep the planned requests for {@code --json} (else they are printed on {@code out})
   */
  Importer(NodeClient client, ImportState state, boolean dryRun, boolean listPlanned, PrintWriter out,
      PrintWriter progress) {
    this.client = client;
    this.state = state;
    this.dryRun = dryRun;
    this.listPlanned = listPlanned;
    this.out = out;
    this.progress = progress;
  }

  ImportSummary summary() {
    return summary;
  }

  /**
   * Reads at most {@code maxPages} pages of the source and applies them.
   *
   * @return whether the source was read to its end
   */
  boolean run(Source source, int maxPages) throws CommandError {
    while (summary.pages < maxPages) {
      Optional<SourcePage> page = source.next();
      if (page.isEmpty()) {
        return true;
      }
      apply(page.get());
    }
    return false;
  }

  /** Applies one page, then saves its checkpoint. */
  void apply(SourcePage page) throws CommandError {
    int submittedBefore = summary.submitted;
    int retractedBefore = summary.retracted;
    int relabelledBefore = summary.relabelled;
    int doneBefore = summary.alreadyImported;
    summary.add(page);
    for (SourcePage.Malformed m : page.malformed()) {
      progress.println("skipped " + m.record() + ": " + m.reason());
    }
    for (SourceItem item : page.items()) {
      if (item.deleted()) {
        delete(item);
      } else {
        submit(item);
      }
    }
    if (page.checkpoint().isPresent()) {
      state.saveCheckpoint(page.checkpoint().get());
    }
    progress.println("page " + summary.pages + ": " + page.size() + " record(s), " + (summary.submitted - submittedBefore)
        + " submitted, " + (summary.relabelled - relabelledBefore) + " relabelled, "
        + (summary.retracted - retractedBefore) + " retracted, "
        + (summary.alreadyImported - doneBefore) + " already imported" + (dryRun ? " (dry run)" : ""));
    progress.flush();
  }

  private void submit(SourceItem item) throws CommandError {
    Submit submit = item.submit().orElseThrow();
    String signal = submit.signal().toString();
    String labels = labels(submit);
    Optional<ImportState.Imported> known = state.importedOf(item.key());
    if (known.isPresent() && known.get().signal().equals(signal)) {
      if (known.get().labels().equals(labels)) {
        summary.alreadyImported++;
      } else {
        relabel(item.key(), known.get(), submit);
      }
      return;
    }
    // A record whose hash changed at the source: its old entry no longer says what the source says.
    if (known.isPresent() && !retract(item.key(), known.get().entryId(), "replaced at the source")) {
      return;
    }
    ObjectNode body = Bodies.submission(submit);
    String entryId;
    if (dryRun) {
      plan("submit", item.key(), body, null);
      entryId = "0".repeat(64);
    } else {
      try {
        entryId = client.post("/v1/submissions", body).path("entry_id").asText();
      } catch (CommandError e) {
        if (e.exitCode() != ExitCodes.USAGE) {
          throw e.withHint(progressHint());
        }
        refused(item.key(), e);
        return;
      }
    }
    // In a dry run too, so that a record the source repeats later in the run is counted once.
    state.submitted(item.key(), entryId, signal, labels);
    summary.submitted++;
  }

  private void relabel(String key, ImportState.Imported known, Submit submit) throws CommandError {
    ObjectNode body = F.objectNode();
    ArrayNode l = body.putArray("labels");
    submit.labels().forEach(x -> l.add(x.value()));
    body.put("note", "relabelled at the source (" + key + ")");
    if (dryRun) {
      plan("relabel", key, body, known.entryId());
    } else {
      try {
        client.post("/v1/entries/" + known.entryId() + "/relabel", body);
      } catch (CommandError e) {
        if (e.exitCode() == ExitCodes.SERVER) {
          throw e.withHint(progressHint());
        }
        refused(key, e);
        return;
      }
    }
    state.relabelled(key, known.entryId(), labels(submit));
    summary.relabelled++;
  }

  private void delete(SourceItem item) throws CommandError {
    Optional<ImportState.Imported> known = state.importedOf(item.key());
    if (known.isEmpty()) {
      summary.deletedUnknown++;
      return;
    }
    retract(item.key(), known.get().entryId(), "deleted at the source");
  }

  /** Retracts an entry an import made; false when the node refused (the record is then reported and skipped). */
  private boolean retract(String key, String entryId, String why) throws CommandError {
    ObjectNode body = F.objectNode().put("reason", "other").put("note", why + " (" + key + ")");
    if (dryRun) {
      plan("retract", key, body, entryId);
    } else {
      try {
        client.post("/v1/entries/" + entryId + "/retract", body);
      } catch (CommandError e) {
        boolean alreadyDone = e.problemType().filter("already-retracted"::equals).isPresent();
        if (!alreadyDone) {
          if (e.exitCode() == ExitCodes.SERVER) {
            throw e.withHint(progressHint());
          }
          refused(key, e);
          return false;
        }
      }
    }
    state.retracted(key, entryId);
    summary.retracted++;
    return true;
  }

  /** A submission's labels as the journal keeps them: sorted (as entries store them), comma-separated. */
  private static String labels(Submit s) {
    return s.labels().stream().map(Label::value).sorted().collect(Collectors.joining(","));
  }

  private void refused(String key, CommandError e) {
    summary.refused++;
    summary.addMalformed(new SourcePage.Malformed(key, "refused by the node: " + e.getMessage()));
    progress.println("skipped " + key + ": refused by the node: " + e.getMessage());
  }

  private String progressHint() {
    return "Nothing is lost: " + summary.submitted + " submission(s), " + summary.relabelled + " relabel(s) and "
        + summary.retracted + " retraction(s) of "
        + "this run are recorded in " + state.dir().resolve(ImportState.JOURNAL) + "; run the same command again to "
        + "continue without duplicates";
  }

  private void plan(String action, String key, ObjectNode body, String entryId) {
    ObjectNode p = F.objectNode().put("action", action).put("record", key);
    if (entryId != null) {
      p.put("entry_id", entryId);
    }
    p.set("body", body);
    if (listPlanned) {
      if (summary.planned.size() < ImportSummary.MAX_LISTED) {
        summary.planned.add(p);
      }
    } else {
      out.println(action + " " + key + (entryId == null ? "" : " " + entryId) + " " + body);
    }
  }


}
