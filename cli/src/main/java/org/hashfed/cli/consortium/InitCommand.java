package org.hashfed.cli.consortium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes roster version 1 from the founders' member files, signed by the founder who runs it. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create roster version 1 from the founders' public member files, signed with your key. "
          + "Send the file to the other founders: each runs 'hashfed consortium sign'; it is valid once all have signed."
    })
final class InitCommand extends FailingCommand {

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Consortium name, e.g. gifct-hsdb.")
  String name;

  @Option(names = "--founder", required = true, arity = "1..*", paramLabel = "FILE",
      description = "A founder's member file (from 'hashfed member export'); repeat for every founder.")
  List<Path> founders;

  @Option(names = "--key", required = true, paramLabel = "PRIVATE_KEY_FILE",
      description = "Your private key file; its public key must be one of the founders'.")
  Path key;

  @Option(names = "--quorum", paramLabel = "N/D", defaultValue = "2/3",
      description = "Share of active members whose signatures make the next version valid (default: ${DEFAULT-VALUE}).")
  String quorum;

  @Option(names = "--issued", paramLabel = "TIME", description = "Issue time, YYYY-MM-DDTHH:MM:SSZ (default: now).")
  String issued;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the roster file.")
  Path out;

  @Override
  int execute() throws CommandFailure {
    List<MemberRecord> members = new ArrayList<>();
    for (Path f : founders) {
      members.add(RosterFiles.readMemberFile(f).toActiveMember());
    }
    Ed25519PrivateKey signer = RosterFiles.readPrivateKey(key);
    Roster roster;
    try {
      roster = Roster.genesis(name, Quorum.parse(quorum), RosterFiles.issued(issued), members);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    MemberRecord me = roster.memberByKeyId(signer.publicKey().keyId()).orElseThrow(() -> new CommandFailure(
        ExitCodes.USAGE, "key " + key + " (" + signer.publicKey().keyId() + ") is not the key of any founder: expected "
            + "your own private key, matching one of the --founder files"));
    Envelope envelope = RosterEnvelopes.propose(roster, signer);
    RosterFiles.write(out, RosterFiles.envelopeFile(envelope), false);
    out().println("wrote " + out + ": roster " + roster.consortium() + " v1 with " + members.size()
        + " founders, signed by " + me.id() + " (1 of " + members.size() + " founder signatures)");
    return ExitCodes.OK;
  }
}
