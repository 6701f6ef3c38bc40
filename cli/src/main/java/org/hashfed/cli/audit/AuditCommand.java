package org.hashfed.cli.audit;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed audit}: the auditor's tools for a member's provenance log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a member's provenance log without trusting any member (spec/audit.md). "
          + "Connect with --node, --api-key-file (or --audit-key-file), --api-key or --profile as every command does; "
          + "the key defaults to $HASHFED_AUDIT_KEY_FILE, $HASHFED_API_KEY, the profile, then hashfed-data/admin.key."
    },
    subcommands = {AuditVerifyCommand.class, AuditExportCommand.class, AuditProvenanceCommand.class})
public final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
