package org.hashfed.cli.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.protocol.audit.AuditBundle;
import org.hashfed.protocol.audit.AuditFinding;
import org.hashfed.protocol.audit.AuditReport;
import org.hashfed.protocol.audit.AuditState;
import org.hashfed.protocol.audit.AuditVerifier;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed audit verify}: audits a node's log, or a bundle offline. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a member's provenance log without trusting it: roster chain, checkpoint signature, every entry's "
          + "signature and feed chain, the root recomputed from every leaf, consistency with the last run (--state), "
          + "and the cosignatures of the given witnesses. Exit status 0 only when everything holds; the state file "
          + "then advances. 1: something is wrong (each finding names the index and entry). 2: usage. 3: node error."
    })
public final class AuditVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bundle", paramLabel = "FILE",
      description = "an audit bundle from hashfed audit export, verified with no network (instead of --node)")
  Path bundle;

  @Option(names = "--state", paramLabel = "FILE",
      description = "the checkpoint remembered from the last run; checked, then advanced when everything holds")
  Path state;

  @Mixin NodeOptions nodeOptions;

  @Mixin AuditOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditReport report;
    AuditState previous = null;
    AuditProgress progress = new AuditProgress(err, !options.json);
    try {
      if (bundle != null && nodeOptions.nodeGiven()) {
        throw CommandError.of(ExitCodes.USAGE, "--bundle FILE is verified with no network: give either --bundle "
            + "or --node, not both");
      }
      if (state != null && Files.exists(state)) {
        previous = AuditState.read(state);
      }
      LogSource source = bundle != null ? AuditBundle.read(bundle) : options.node(nodeOptions, err);
      source = options.withRoster(source);
      AuditVerifier verifier = AuditVerifier.create(previous, options.founders(), options.witnesses(), progress);
      report = verifier.verify(source);
    } catch (CommandError e) {
      err.println("hashfed audit verify: " + e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      progress.finish();
      err.println("hashfed audit verify: " + e.getMessage());
      return bundle != null ? ExitCodes.USAGE : ExitCodes.SERVER;
    }
    progress.finish();
    if (options.json) {
      out.println(Json.mapper().valueToTree(report.toJson()).toString());
    } else {
      print(out, report, previous);
    }
    out.flush();
    if (report.ok() && state != null) {
      try {
        report.nextState().orElseThrow().write(state);
      } catch (IOException e) {
        err.println("hashfed audit verify: the log holds, but the state file " + state + " cannot be written: "
            + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    return report.ok() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private static void print(PrintWriter out, AuditReport report, AuditState previous) {
    report.checkpoint().ifPresent(c -> out.println("log        " + c.origin() + "\nsize       " + c.size()
        + "\nroot       " + c.root().toHex()));
    AuditReport.Counts n = report.counts();
    out.println(String.format(Locale.ROOT, "checked    %d leaves: %d entries of %d members, %d roster, %d other"
        + " documents in %.1f s", n.leaves(), n.entries(), n.members(), n.rosterDocuments(), n.otherDocuments(),
        report.seconds()));
    if (previous != null) {
      out.println("last run   size " + previous.size() + ", root " + previous.root().toHex());
    }
    out.println("cosigned   " + (report.cosigners().isEmpty() ? "by no known witness" : "by " + report.cosigners()));
    if (report.ok()) {
      out.println("OK: the log holds");
      return;
    }
    out.println("FAILED: " + report.findings().size() + " finding(s)");
    for (AuditFinding f : report.findings()) {
      out.println("  " + f.describe());
    }
  }
}
