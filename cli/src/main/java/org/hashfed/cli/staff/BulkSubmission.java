package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.hash.ProgressBar;
import org.hashfed.cli.hash.Terminal;

/**
 * {@code hashfed submit --bulk FILE}: validates every line first and sends nothing when any is bad;
 * then submits the lines in order, recording each acknowledged one in the progress file so that a
 * rerun after an interruption skips them.
 */
final class BulkSubmission {

  /** Above this many lines a progress bar is drawn, when stderr is a terminal. */
  private static final int PROGRESS_THRESHOLD = 20;
  /** Bad lines printed before the rest are only counted. */
  private static final int MAX_PROBLEMS_SHOWN = 200;

  private final SubmitCommand command;
  private final SubmitFields fields;

  BulkSubmission(SubmitCommand command, SubmitFields fields) {
    this.command = command;
    this.fields = fields;
  }

  int run(Path file, String formatName, boolean dryRun) throws CommandError {
    BulkParser.Format format = format(file, formatName);
    List<String> raw = read(file);
    BulkParser.Result parsed = new BulkParser(format, fields).parse(raw);
    if (!parsed.problems().isEmpty()) {
      int shown = 0;
      for (BulkParser.Problem p : parsed.problems()) {
        if (shown++ < MAX_PROBLEMS_SHOWN) {
          command.err().println(file + ":" + p.number() + ": " + p.message());
        }
      }
      throw CommandError.of(ExitCodes.USAGE, parsed.problems().size() + " bad line(s) in " + file
          + (parsed.problems().size() > MAX_PROBLEMS_SHOWN ? " (the first " + MAX_PROBLEMS_SHOWN + " are shown)" : "")
          + "; nothing was sent. Fix them and run the command again.");
    }
    if (parsed.lines().isEmpty()) {
      throw CommandError.of(ExitCodes.USAGE, file + " has no lines to submit (blank lines and # comments are skipped)");
    }
    try (ProgressFile progress = ProgressFile.of(file)) {
      List<BulkParser.Line> pending = new ArrayList<>();
      for (BulkParser.Line l : parsed.lines()) {
        if (progress.entryOf(l).isEmpty()) {
          pending.add(l);
        }
      }
      int earlier = parsed.lines().size() - pending.size();
      if (dryRun) {
        return dryRun(pending, earlier);
      }
      if (earlier > 0 && !command.json) {
        command.err().println("resuming: " + earlier + " line(s) were submitted by an earlier run (" + progress.path()
            + "); " + pending.size() + " to go");
      }
      return send(file, pending, earlier, progress);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, "cannot close the progress file: " + e.getMessage());
    }
  }

  private int dryRun(List<BulkParser.Line> pending, int earlier) {
    if (command.json) {
      ObjectNode doc = StaffCommand.JSON.createObjectNode().put("dry_run", true).put("already_submitted", earlier);
      ArrayNode subs = doc.putArray("submissions");
      for (BulkParser.Line l : pending) {
        subs.addObject().put("line", l.number()).set("body", Bodies.submission(l.submit()));
      }
      command.printJson(doc);
    } else {
      for (BulkParser.Line l : pending) {
        command.out().println(Bodies.submission(l.submit()).toString());
      }
      command.err().println("dry run: all lines valid; " + pending.size() + " submission(s) would be sent"
          + (earlier > 0 ? " (" + earlier + " already submitted earlier)" : "") + "; nothing was sent");
    }
    return ExitCodes.OK;
  }

  private int send(Path file, List<BulkParser.Line> pending, int earlier, ProgressFile progress) throws CommandError {
    NodeClient client = pending.isEmpty() ? null : command.client();
    ProgressBar bar = pending.size() > PROGRESS_THRESHOLD && Terminal.stderrIsTerminal()
        ? new ProgressBar(command.err(), pending.size(), "lines")
        : null;
    int sent = 0;
    try {
      for (BulkParser.Line l : pending) {
        JsonNode created;
        try {
          created = client.post("/v1/submissions", Bodies.submission(l.submit()));
        } catch (CommandError e) {
          if (bar != null) {
            bar.finish();
            bar = null;
          }
          String resume = "stopped at " + file + ":" + l.number() + " after submitting " + sent + " line(s) in this run"
              + (earlier > 0 ? " and " + earlier + " before" : "") + ". Run the same command again to resume from "
              + "line " + l.number() + ".";
          if (command.json) {
            command.printJson(summary(earlier, sent, pending.size(), progress).put("stopped_at_line", l.number())
                .put("error", e.getMessage()));
          }
          throw CommandError.of(e.exitCode(), e.getMessage() + "\n" + resume);
        }
        progress.record(l, created.path("entry_id").asText());
        sent++;
        if (bar != null) {
          bar.step();
        }
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    if (command.json) {
      command.printJson(summary(earlier, sent, pending.size(), progress));
    } else {
      command.out().println("submitted " + sent + " line(s) of " + file + (earlier > 0 ? "; " + earlier
          + " were already submitted by an earlier run" : "") + ". Entry ids: " + progress.path());
    }
    return ExitCodes.OK;
  }

  private static ObjectNode summary(int earlier, int sent, int pending, ProgressFile progress) {
    return StaffCommand.JSON.createObjectNode().put("submitted", sent).put("already_submitted", earlier)
        .put("remaining", pending - sent).put("progress_file", progress.path().toString());
  }

  private static BulkParser.Format format(Path file, String name) throws CommandError {
    if (name != null) {
      return BulkParser.Format.parse(name).orElseThrow(() -> CommandError.of(ExitCodes.USAGE,
          "invalid --format \"" + name + "\": expected csv, ndjson or te"));
    }
    Optional<BulkParser.Format> f = BulkParser.Format.ofFileName(file.getFileName().toString());
    return f.orElseThrow(() -> CommandError.of(ExitCodes.USAGE, "cannot tell the format of " + file
        + " from its name: give --format csv, ndjson or te (or name it .csv, .ndjson, .te)"));
  }

  private static List<String> read(Path file) throws CommandError {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CommandError.of(ExitCodes.USAGE, "bulk file " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw CommandError.of(ExitCodes.USAGE, "bulk file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read bulk file " + file + ": " + e.getMessage());
    }
  }
}
