package org.hashfed.cli.exchange;

import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed import file}: python-threatexchange signal files and HMA bank content. */
@Command(
    name = "file",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import a signal file: python-threatexchange local_file lines ('<signal_type> <signal>'), the CSV of "
          + "'threatexchange dataset --csv' (signal_type,signal_str,collab,category,tags) or HMA bank content "
          + "(one JSON object a line, as hashfed export --format hma writes it). Types: pdq, video_md5 (md5), "
          + "video_sha256 (sha256), vpdq; others are counted and skipped. A signal imported before is not "
          + "submitted again."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed import file --label behavior:propaganda signals.txt",
      "  hashfed import file --format dataset-csv --dry-run collab.csv",
      "  hashfed import file --format hma --retract-missing bank.jsonl",
      "",
      "Default --state: FILE.hashfed-import, next to the file.",
      "Exit status: 0 imported, 1 some lines malformed or refused, 2 usage error, 3 node failed."
    })
final class ImportFileCommand extends ImportRun {

  @Parameters(index = "0", paramLabel = "PATH", description = "The signal file.")
  Path path;

  @Option(names = "--format", paramLabel = "FORMAT", description = "local_file, dataset-csv or hma (default: "
      + "dataset-csv for .csv, hma for .jsonl and .ndjson, else local_file).")
  String format;

  @Option(names = "--retract-missing", description = "Retract what earlier imports of this file submitted and the "
      + "file no longer holds (the file is the whole list).")
  boolean retractMissing;

  @Override
  protected int execute() throws CommandError {
    FileFormat f = format == null ? FileFormat.ofFileName(path.getFileName().toString())
        : FileFormat.parse(format).orElseThrow(() -> CommandError.of(ExitCodes.USAGE, "unknown --format \"" + format
            + "\": expected one of " + FileFormat.names()));
    Path defaultState = path.resolveSibling(path.getFileName() + ".hashfed-import");
    return run(f.sourceName(), f.sourceName(), defaultState, Integer.MAX_VALUE,
        (state, items) -> FileSource.open(path, f, items, state.entries(), retractMissing));
  }
}
