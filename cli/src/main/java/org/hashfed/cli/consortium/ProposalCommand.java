package org.hashfed.cli.consortium;

import java.nio.file.Path;
import java.time.Instant;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import org.hashfed.protocol.roster.SignedRoster;
import picocli.CommandLine.Option;

/**
 * One kind of proposed change: reads the current version, builds the successor (version + 1,
 * previous = SHA-256 of the current payload), applies the change and signs it with the proposer's key.
 */
abstract class ProposalCommand extends FailingCommand {

  @Option(names = "--current", required = true, paramLabel = "FILE", description = "The roster version in force.")
  Path current;

  @Option(names = "--key", required = true, paramLabel = "PRIVATE_KEY_FILE",
      description = "Your private key file: an active member's key in the current version.")
  Path key;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the proposal.")
  Path out;

  @Option(names = "--issued", paramLabel = "TIME", description = "Issue time, YYYY-MM-DDTHH:MM:SSZ (default: now).")
  String issued;

  /** Applies the change to the draft of the next version; a message for the user on failure. */
  abstract Roster change(Roster draft) throws CommandFailure;

  /** What the change does, for the confirmation line. */
  abstract String describe();

  @Override
  final int execute() throws CommandFailure {
    Envelope currentEnvelope = RosterFiles.readEnvelope(current);
    Roster cur = RosterFiles.unverifiedRoster(current, currentEnvelope);
    Ed25519PrivateKey proposer = RosterFiles.readPrivateKey(key);
    MemberRecord me = cur.memberByKeyId(proposer.publicKey().keyId()).filter(MemberRecord::isActive)
        .orElseThrow(() -> new CommandFailure(ExitCodes.USAGE, "key " + key + " (" + proposer.publicKey().keyId()
            + ") is not the key of an active member of " + current + " (version " + cur.version()
            + "): only active members' signatures count"));
    Instant time = RosterFiles.issued(issued);
    Roster next;
    try {
      if (time.isBefore(cur.issued())) {
        throw new IllegalArgumentException("issue time " + time + " is before version " + cur.version() + "'s");
      }
      next = change(cur.successor(SignedRoster.digestOf(currentEnvelope.payload()), time));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    RosterFiles.write(out, RosterFiles.envelopeFile(RosterEnvelopes.propose(next, proposer)), false);
    out().println("wrote " + out + ": roster " + next.consortium() + " v" + next.version() + " (" + describe()
        + "), signed by " + me.id() + "; valid with " + cur.requiredSignatures() + " of " + cur.activeMembers().size()
        + " active members of v" + cur.version() + " (quorum " + cur.quorum() + ")");
    return ExitCodes.OK;
  }

  static MemberRecord listed(Roster draft, String id) throws CommandFailure {
    MemberId member;
    try {
      member = MemberId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    return draft.member(member).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE, "member " + member
        + " is not listed in the current roster: expected one of " + draft.members().stream()
            .map(m -> m.id().value()).toList()));
  }
}
