package org.hashfed.cli;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.bench.BenchAuditCommand;
import org.hashfed.cli.bench.BenchFollowersCommand;
import org.hashfed.cli.bench.BenchGossipCommand;
import org.hashfed.cli.bench.BenchHashCommand;
import org.hashfed.cli.bench.BenchHttpCommand;
import org.hashfed.cli.bench.BenchLogCommand;
import org.hashfed.cli.bench.BenchMatchCommand;
import org.hashfed.cli.bench.BenchVideoCommand;
import org.hashfed.cli.bench.BenchWatchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the benchmarks: each prints a table and compares against a baseline measured in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark; each compares against a baseline measured in the same run.",
    subcommands = {
      // one per line, so that benchmarks added in parallel merge cleanly
      BenchHashCommand.class,
      BenchMatchCommand.class,
      BenchGossipCommand.class,
      BenchLogCommand.class,
      BenchAuditCommand.class,
      BenchHttpCommand.class,
      BenchVideoCommand.class,
      BenchWatchCommand.class,
      BenchFollowersCommand.class,
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
