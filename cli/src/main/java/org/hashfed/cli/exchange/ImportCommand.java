package org.hashfed.cli.exchange;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed import}: groups the importers of hash lists members already use. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import hash lists into your node: signal files (python-threatexchange, HMA), Tech Against Terrorism's TCAP "
          + "and a ThreatExchange privacy group. Each import is incremental (a checkpoint in its --state directory), "
          + "safe to rerun (a journal of what it submitted), turns deletions at the source into retractions and "
          + "labels entries source:NAME. Specification: spec/import.md."
    },
    subcommands = {ImportFileCommand.class, ImportTcapCommand.class, ImportThreatExchangeCommand.class},
    footer = {
      "",
      "Exit status: 0 imported, 1 some records were malformed or refused (listed, the rest imported),",
      "2 usage error, 3 the exchange or the node failed (rerun to continue where it stopped)."
    })
public final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
