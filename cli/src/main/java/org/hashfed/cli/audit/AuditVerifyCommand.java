package org.hashfed.cli.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hashfed.cli.ExitCodes;
import org.hashfed.protocol.audit.AuditBundle;
import org.hashfed.protocol.audit.AuditFinding;
import org.hashfed.protocol.audit.AuditReport;
import org.hashfed.protocol.audit.AuditState;
import org.hashfed.protocol.audit.AuditVerifier;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.json.Json;
import picocli.CommandLine.ArgGroup;
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
      "Verify a member's provenance log without trusting it: roster chain, checkpoint signature, every entry's",
      "signature and feed chain, the root recomputed from every leaf, consistency with the last run (--state),",
      "and the cosignatures of the given witnesses. Exit status 0 only when everything holds; the state file",
      "then advances. 1: something is wrong (each finding names the index and entry). 2: usage. 3: node error."
    })
public final class AuditVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @Option(names = "--node", paramLabel = "URL", description = "the node's base URL, e.g. http://127.0.0.1:8700")
    String node;

    @Option(names = "--bundle", paramLabel = "FILE", description = "an audit bundle from hashfed audit export (no network)")
    Path bundle;
  }

  @Option(names = "--state", paramLabel = "FILE",
      description = "the checkpoint remembered from the last run; checked, then advanced when everything holds")
  Path state;

  @Mixin AuditOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditReport report;
    AuditState previous = null;
    AuditProgress progress = new AuditProgress(err, !options.json);
    try {
      if (state != null && Files.exists(state)) {
        previous = AuditState.read(state);
      }
      LogSource source = where.bundle != null ? AuditBundle.read(where.bundle) : options.node(where.node);
      source = options.withRoster(source);
      AuditVerifier verifier = AuditVerifier.create(previous, options.founders(), options.witnesses(), progress);
      report = verifier.verify(source);
    } catch (AuditOptions.UsageException e) {
      err.println("hashfed audit verify: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      progress.finish();
      err.println("hashfed audit verify: " + e.getMessage());
      return where.bundle != null ? ExitCodes.USAGE : ExitCodes.SERVER;
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
