package org.hashfed.cli;

import java.util.concurrent.Callable;
import org.hashfed.cli.audit.AuditCommand;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.compare.CompareCommand;
import org.hashfed.cli.consortium.ConsortiumCommand;
import org.hashfed.cli.consortium.MemberCommand;
import org.hashfed.cli.demo.DemoCommand;
import org.hashfed.cli.exchange.ExportCommand;
import org.hashfed.cli.exchange.ImportCommand;
import org.hashfed.cli.hash.HashCommand;
import org.hashfed.cli.node.KeysCommand;
import org.hashfed.cli.node.NodeCommand;
import org.hashfed.cli.staff.AgreeCommand;
import org.hashfed.cli.staff.DisagreeCommand;
import org.hashfed.cli.staff.EntryCommand;
import org.hashfed.cli.staff.LoginCommand;
import org.hashfed.cli.staff.MatchCommand;
import org.hashfed.cli.staff.MembersCommand;
import org.hashfed.cli.staff.PeersCommand;
import org.hashfed.cli.staff.RelabelCommand;
import org.hashfed.cli.staff.RetractCommand;
import org.hashfed.cli.staff.StatusCommand;
import org.hashfed.cli.staff.UpdatesCommand;
import org.hashfed.cli.staff.SubmitCommand;
import org.hashfed.cli.trust.TrustCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code hashfed} command; it only groups the subcommands. */
@Command(
    name = "hashfed",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Federated hash sharing for platforms that remove terrorist and violent extremist content.",
      ""
    },
    subcommands = {
      // one per line, so that features added in parallel merge cleanly; the order is the help's
      LoginCommand.class,
      HashCommand.class,
      SubmitCommand.class,
      MatchCommand.class,
      CompareCommand.class,
      EntryCommand.class,
      RetractCommand.class,
      RelabelCommand.class,
      AgreeCommand.class,
      DisagreeCommand.class,
      MembersCommand.class,
      PeersCommand.class,
      StatusCommand.class,
      UpdatesCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      TrustCommand.class,
      AuditCommand.class,
      NodeCommand.class,
      KeysCommand.class,
      ConsortiumCommand.class,
      MemberCommand.class,
      BenchCommand.class,
      DemoCommand.class,
    },
    footer = {
      "",
      "Exit status: 0 ok, 1 not found or no match, 2 usage error, 3 server or network error.",
      "Specification: spec/protocol.md and spec/openapi.yaml in the source tree."
    })
public final class HashfedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
