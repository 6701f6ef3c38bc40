package org.hashfed.cli.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.protocol.audit.AuditBundle;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed audit export}: copies a node's log into a bundle to verify offline. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained audit bundle (checkpoint, roster history, every leaf) of a node's log; "
          + "verify it later with no network: hashfed audit verify --bundle FILE. Nothing is verified here."
    })
public final class AuditExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the bundle file to write")
  Path outFile;

  @Mixin NodeOptions nodeOptions;

  @Mixin AuditOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditProgress progress = new AuditProgress(err, true);
    Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
    HttpLogSource node = null;
    try {
      node = options.node(nodeOptions, err);
      LogSource source = options.withRoster(node);
      String note = source.checkpoint();
      Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(note).text());
      long n;
      try (OutputStream os = Files.newOutputStream(tmp)) {
        n = AuditBundle.export(source, checkpoint.size(), note, os, progress);
      }
      Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING);
      progress.finish();
      out.println("wrote " + outFile + ": " + checkpoint.origin() + ", " + n + " leaves (unverified: run hashfed audit"
          + " verify --bundle " + outFile + ")");
      return ExitCodes.OK;
    } catch (CommandError e) {
      err.println("hashfed audit export: " + e.getMessage());
      return e.exitCode();
    } catch (LogFormatException e) {
      progress.finish();
      err.println("hashfed audit export: node " + node.base() + " served a malformed checkpoint: " + e.getMessage());
      return ExitCodes.SERVER;
    } catch (IOException e) {
      progress.finish();
      err.println("hashfed audit export: " + e.getMessage());
      return ExitCodes.SERVER;
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        err.println("hashfed audit export: cannot delete " + tmp + ": " + e.getMessage());
      }
    }
  }
}
