package org.hashfed.cli.consortium;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberFile;
import org.hashfed.protocol.roster.PeerUrl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the public member file a founding or joining company sends to the others. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print your public member file: id, name, public key, peer URL and TLS certificate fingerprint. "
          + "Founders send it to whoever runs 'hashfed consortium init'; a joining company sends it to the "
          + "members, one of whom runs 'hashfed consortium propose add'. It holds nothing secret."
    })
final class MemberExportCommand extends FailingCommand {

  @Option(names = "--key", required = true, paramLabel = "KEY_FILE",
      description = "Your public key file, or your private key file (only its public key is exported).")
  Path key;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "Your member id, e.g. acme.")
  String id;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your company's display name.")
  String name;

  @Option(names = "--peer-url", required = true, paramLabel = "URL", description = "Your node's https peer URL.")
  String peerUrl;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TlsSource tls;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the file here instead of printing it.")
  Path out;

  @Override
  int execute() throws CommandFailure {
    MemberFile file;
    try {
      file = MemberFile.create(MemberId.parse(id), name, RosterFiles.readAnyKey(key), PeerUrl.parse(peerUrl),
          tls.fingerprint());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    if (out != null) {
      RosterFiles.write(out, file.toJson(), false);
      out().println("wrote " + out);
    } else {
      out().print(new String(file.toJson(), StandardCharsets.UTF_8));
    }
    out().flush();
    return ExitCodes.OK;
  }
}
