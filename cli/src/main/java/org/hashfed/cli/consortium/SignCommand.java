package org.hashfed.cli.consortium;

import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Adds the operator's signature to a roster file; signing twice with the same key changes nothing. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Add your signature to a roster file (a proposal in progress). Check it first with 'hashfed consortium show'. "
          + "Signing again with the same key changes nothing."
    })
final class SignCommand extends FailingCommand {

  @Option(names = "--key", required = true, paramLabel = "PRIVATE_KEY_FILE", description = "Your private key file.")
  Path key;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The roster file to sign.")
  Path in;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the signed file (default: replace --in).")
  Path out;

  @Option(names = "--current", paramLabel = "FILE",
      description = "The version this one follows: the key must be an active member's key there.")
  Path current;

  @Override
  int execute() throws CommandFailure {
    Envelope envelope = RosterFiles.readEnvelope(in);
    Roster roster = RosterFiles.unverifiedRoster(in, envelope);
    Ed25519PrivateKey signer = RosterFiles.readPrivateKey(key);
    MemberRecord me = signerIn(roster, signer);
    int before = envelope.signatures().size();
    Envelope signed = RosterEnvelopes.cosign(envelope, signer);
    Path target = out == null ? in : out;
    if (signed != envelope || out != null) {
      RosterFiles.write(target, RosterFiles.envelopeFile(signed), out == null);
    }
    out().println((signed == envelope ? "already signed by " : "signed by ") + me.id() + ": " + target
        + " (roster " + roster.consortium() + " v" + roster.version() + ", " + signed.signatures().size()
        + " signature" + (signed.signatures().size() == 1 ? "" : "s") + (signed == envelope ? "" : ", was " + before)
        + ")");
    return ExitCodes.OK;
  }

  /** Refuses a key that cannot count, so that no one collects useless signatures. */
  private MemberRecord signerIn(Roster roster, Ed25519PrivateKey signer) throws CommandFailure {
    String keyText = "key " + key + " (" + signer.publicKey().keyId() + ")";
    if (current != null) {
      Roster prev = RosterFiles.unverifiedRoster(current, RosterFiles.readEnvelope(current));
      if (prev.version() + 1 != roster.version()) {
        throw new CommandFailure(ExitCodes.USAGE, "--current " + current + " is version " + prev.version() + " but "
            + in + " is version " + roster.version() + ": expected the version just before it");
      }
      Optional<MemberRecord> m = prev.memberByKeyId(signer.publicKey().keyId());
      if (m.isEmpty() || !m.get().isActive()) {
        throw new CommandFailure(ExitCodes.USAGE, keyText + " is not the key of an active member of version "
            + prev.version() + (m.isPresent() ? " (" + m.get().id() + " is " + m.get().status().wireName() + ")" : "")
            + ": its signature would not count");
      }
      return m.get();
    }
    return roster.memberByKeyId(signer.publicKey().keyId()).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        keyText + " is not the key of any member listed in " + in + ": its signature would not count"
            + (roster.version() > 1 ? " (signing with a key this version replaces? give --current)" : "")));
  }
}
