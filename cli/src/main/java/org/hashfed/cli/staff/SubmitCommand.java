package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.hash.ImageOptions;
import org.hashfed.cli.hash.VideoOptions;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed submit}: hashes files locally and shares each hash with the consortium through the node. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Share hashes with the consortium. Files are hashed on this machine (MD5 and SHA-256 of every file, "
          + "PDQ of images, vPDQ of videos and animated GIFs); only the hashes are sent, each as its own submission "
          + "signed by your node. A PDQ hash of quality below 50, or a video without a frame of quality 50, is "
          + "refused (too flat or small to match reliably): its file's MD5 and SHA-256 are still sent, unless "
          + "--strict. Everything is checked before anything is sent."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed submit --label behavior:glorification --incident inc-2026-11 still.jpg clip.mp4",
      "  hashfed submit --label behavior:glorification --signal pdq:f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22:92",
      "  hashfed submit --label behavior:glorification --dry-run still.jpg > bodies.ndjson",
      "  hashfed submit --bulk hashes.csv --label behavior:glorification",
      "",
      "Bulk formats (by extension, or --format): csv (type,value,labels,incident,note,quality; labels split",
      "by ';'; trailing columns optional),",
      "ndjson (one POST /v1/submissions body per line), te (python-threatexchange lines: 'pdq <hex> [quality]').",
      "A PDQ hash needs its quality (nodes refuse one without): pdq:<hex>:<quality>, or --pdq-quality N.",
      "An interrupted bulk run resumes where it stopped when run again (FILE.hashfed-progress).",
      "",
      "Exit status: 0 submitted, 2 usage error or refused input (nothing sent), 3 node unreachable or failed."
    })
public final class SubmitCommand extends StaffCommand {

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files to hash and submit.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--signal", paramLabel = "TYPE:VALUE", description = "A known hash to submit, e.g. pdq:<64 hex> "
      + "(may end in :QUALITY), md5:<32 hex>, sha256:<64 hex>; repeatable.")
  List<String> signals = new ArrayList<>();

  @Option(names = "--bulk", paramLabel = "FILE", description = "Submit every line of a CSV, NDJSON or threatexchange file.")
  Path bulk;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Bulk format: csv, ndjson or te (default: from the extension).")
  String format;

  @Option(names = "--label", paramLabel = "LABEL", description = "A label such as behavior:glorification; repeatable, "
      + "at least one (bulk lines may bring their own).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--incident", paramLabel = "ID", description = "Incident id, e.g. inc-2026-11 (a-z, 0-9, '.', '_', '-').")
  String incident;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for the consortium (at most 1 KiB); never personal data.")
  String note;

  @Option(names = "--expires", paramLabel = "WHEN", description = "When the hashes stop matching: 2027-01-31T12:00:00Z, "
      + "2027-01-31 or a duration like 90d.")
  String expires;

  @Option(names = "--dry-run", description = "Print the request bodies (one JSON per line) and send nothing.")
  boolean dryRun;

  @Option(names = "--strict", description = "Refuse the whole run, sending nothing, when a PDQ or vPDQ hash is of "
      + "low quality.")
  boolean strict;

  @Option(names = "--pdq-quality", paramLabel = "N", description = "Quality to send with PDQ hashes given without "
      + "one (--signal, bulk lines); only when it was checked where the hashes were made.")
  Integer pdqQuality;

  @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: all cores).")
  Integer threads;

  @Mixin VideoOptions video;

  @Mixin ImageOptions image;

  /** One submission to make, with where its signal came from. */
  record Planned(String source, Submit submit) {}

  @Override
  protected int execute() throws CommandError {
    boolean direct = !files.isEmpty() || !signals.isEmpty();
    if (bulk != null && direct) {
      throw CommandError.of(ExitCodes.USAGE, "give either --bulk FILE or files and --signal, not both");
    }
    if (bulk == null && !direct) {
      throw CommandError.of(ExitCodes.USAGE, "nothing to submit: give files, --signal TYPE:VALUE or --bulk FILE "
          + "(see hashfed submit --help)");
    }
    if (format != null && bulk == null) {
      throw CommandError.of(ExitCodes.USAGE, "--format applies to --bulk only");
    }
    SubmitFields fields = SubmitFields.parse(labels, incident, note, expires, pdqQuality, Instant.now());
    if (bulk != null) {
      return new BulkSubmission(this, fields).run(bulk, format, dryRun);
    }
    if (fields.labels().isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, "no labels: give at least one --label, e.g. --label behavior:glorification");
    }
    List<Planned> planned = new ArrayList<>();
    ArrayNode skipped = JSON.createArrayNode();
    for (String s : signals) {
      try {
        planned.add(new Planned("--signal", fields.submit(SignalArg.parse(s))));
      } catch (IllegalArgumentException e) {
        throw CommandError.of(ExitCodes.USAGE, "refused --signal " + s + ": " + e.getMessage());
      }
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --threads " + n + ": expected 1 or more");
    }
    for (LocalFiles.Hashed h : files.isEmpty() ? List.<LocalFiles.Hashed>of() : LocalFiles.hash(files, n, video, image)) {
      for (Signal signal : h.signals()) {
        Optional<String> weak = weakness(h, signal);
        if (weak.isPresent()) {
          String reason = weak.get();
          if (strict) {
            throw CommandError.of(ExitCodes.USAGE, h.path() + ": " + reason + "; nothing was sent (--strict)");
          }
          err().println("hashfed submit: " + h.path() + ": " + signal.type().wireName() + " not submitted: " + reason
              + "; its md5 and sha256 are submitted");
          skipped.addObject().put("file", h.path().toString()).put("reason", reason)
              .set("signal", Bodies.summary(signal));
          continue;
        }
        planned.add(new Planned(h.path().toString(), fields.submit(signal)));
      }
    }
    if (dryRun) {
      return dryRun(planned, skipped);
    }
    return send(client(), planned, skipped);
  }

  /** Why the node would refuse a file's pdq or vpdq signal as too weak to match reliably, if it would. */
  private static Optional<String> weakness(LocalFiles.Hashed h, Signal signal) {
    if (signal.type() == SignalType.PDQ && !h.pdq().orElseThrow().isShareable()) {
      return Optional.of(lowQuality(h.pdq().get().quality()));
    }
    if (signal.type() == SignalType.VPDQ && !h.video().orElseThrow().hasShareableFrame()) {
      return Optional.of("no vpdq frame reaches pdq quality " + PdqResult.MIN_SHAREABLE_QUALITY
          + ": the video is too flat, small or uniform to match reliably");
    }
    return Optional.empty();
  }

  static String lowQuality(int quality) {
    return "pdq quality " + quality + " is below " + PdqResult.MIN_SHAREABLE_QUALITY
        + ": the image is too flat, small or uniform to match reliably";
  }

  private int dryRun(List<Planned> planned, ArrayNode skipped) {
    if (json) {
      ObjectNode doc = JSON.createObjectNode().put("dry_run", true);
      ArrayNode subs = doc.putArray("submissions");
      for (Planned p : planned) {
        subs.addObject().put("source", p.source()).set("body", Bodies.submission(p.submit()));
      }
      doc.set("skipped", skipped);
      printJson(doc);
    } else {
      for (Planned p : planned) {
        out().println(Bodies.submission(p.submit()).toString());
      }
      err().println("dry run: " + planned.size() + " submission(s) would be sent; nothing was sent");
    }
    return ExitCodes.OK;
  }

  private int send(NodeClient client, List<Planned> planned, ArrayNode skipped) throws CommandError {
    ArrayNode sent = JSON.createArrayNode();
    Table table = new Table("SOURCE", "SIGNAL", "VALUE", "ENTRY");
    CommandError failure = null;
    for (Planned p : planned) {
      JsonNode created;
      try {
        created = client.post("/v1/submissions", Bodies.submission(p.submit()));
      } catch (CommandError e) {
        failure = e;
        break;
      }
      Signal s = p.submit().signal();
      sent.addObject().put("source", p.source()).put("entry_id", created.path("entry_id").asText())
          .put("member", created.path("member").asText()).put("seq", created.path("seq").asLong())
          .set("signal", Bodies.summary(s));
      table.add(p.source(), s.type().wireName(), s.value(), created.path("entry_id").asText());
    }
    if (json) {
      ObjectNode doc = JSON.createObjectNode();
      doc.set("submitted", sent);
      doc.set("skipped", skipped);
      if (failure != null) {
        doc.put("error", failure.getMessage());
      }
      printJson(doc);
    } else if (!table.isEmpty()) {
      table.print(out());
    }
    if (failure != null) {
      throw CommandError.of(failure.exitCode(), failure.getMessage() + (sent.isEmpty() ? ""
          : " (" + sent.size() + " of " + planned.size() + " submissions were made before this failure; they are listed above)"));
    }
    if (!json) {
      err().println("submitted " + sent.size() + " signal(s)");
    }
    return ExitCodes.OK;
  }
}
