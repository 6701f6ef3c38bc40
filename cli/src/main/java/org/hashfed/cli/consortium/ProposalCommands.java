package org.hashfed.cli.consortium;

import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.roster.MemberFile;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The changes 'hashfed consortium propose' offers, one subcommand each. */
final class ProposalCommands {

  private ProposalCommands() {}

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Propose adding a member from the public member file it sent ('hashfed member export').")
  static final class Add extends ProposalCommand {

    @Option(names = "--member-file", required = true, paramLabel = "FILE", description = "The joining member's file.")
    Path memberFile;

    private MemberFile file;

    @Override
    Roster change(Roster draft) throws CommandFailure {
      file = RosterFiles.readMemberFile(memberFile);
      return draft.withMember(file.toActiveMember());
    }

    @Override
    String describe() {
      return "adds " + file.id();
    }
  }

  /** A change of one member's status. */
  abstract static class StatusChange extends ProposalCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The member id.")
    String id;

    abstract MemberStatus target();

    @Override
    Roster change(Roster draft) throws CommandFailure {
      MemberRecord m = listed(draft, id);
      if (m.status() == target()) {
        throw new CommandFailure(ExitCodes.USAGE, "member " + m.id() + " is already " + target().wireName());
      }
      if (m.status() == MemberStatus.REMOVED) {
        throw new CommandFailure(ExitCodes.USAGE, "member " + m.id() + " is removed: a removed member's record is final");
      }
      return draft.withUpdatedMember(m.withStatus(target()));
    }

    @Override
    String describe() {
      return "sets " + id + " " + target().wireName();
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true,
      description = "Propose suspending a member: its new entries are refused and its signatures stop counting.")
  static final class Suspend extends StatusChange {
    @Override
    MemberStatus target() {
      return MemberStatus.SUSPENDED;
    }
  }

  @Command(name = "reactivate", mixinStandardHelpOptions = true,
      description = "Propose making a suspended member active again.")
  static final class Reactivate extends StatusChange {
    @Override
    MemberStatus target() {
      return MemberStatus.ACTIVE;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Propose removing a member for good; it stays listed so that its old entries verify, marked.")
  static final class Remove extends StatusChange {
    @Override
    MemberStatus target() {
      return MemberStatus.REMOVED;
    }
  }

  @Command(name = "set-key", mixinStandardHelpOptions = true,
      description = "Propose a new signing key for a member (the current key still signs this proposal).")
  static final class SetKey extends ProposalCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The member id.")
    String id;

    @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "The member's new public key file.")
    Path keyFile;

    @Override
    Roster change(Roster draft) throws CommandFailure {
      return draft.withUpdatedMember(listed(draft, id).withKey(RosterFiles.readAnyKey(keyFile)));
    }

    @Override
    String describe() {
      return "new key for " + id;
    }
  }

  @Command(name = "set-url", mixinStandardHelpOptions = true, description = "Propose a new peer URL for a member.")
  static final class SetUrl extends ProposalCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The member id.")
    String id;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The new https peer URL.")
    String url;

    @Override
    Roster change(Roster draft) throws CommandFailure {
      return draft.withUpdatedMember(listed(draft, id).withPeerUrl(PeerUrl.parse(url)));
    }

    @Override
    String describe() {
      return "new peer URL for " + id;
    }
  }

  @Command(name = "set-tls", mixinStandardHelpOptions = true,
      description = "Propose a new pinned TLS certificate for a member's node.")
  static final class SetTls extends ProposalCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The member id.")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TlsSource tls;

    @Override
    Roster change(Roster draft) throws CommandFailure {
      return draft.withUpdatedMember(listed(draft, id).withTlsFingerprint(tls.fingerprint()));
    }

    @Override
    String describe() {
      return "new TLS certificate for " + id;
    }
  }

  @Command(name = "set-quorum", mixinStandardHelpOptions = true,
      description = "Propose a new quorum rule; it applies to the version after the proposed one.")
  static final class SetQuorum extends ProposalCommand {

    @Parameters(index = "0", paramLabel = "N/D", description = "The share of active members, e.g. 3/4.")
    String quorum;

    @Override
    Roster change(Roster draft) {
      return draft.withQuorum(Quorum.parse(quorum));
    }

    @Override
    String describe() {
      return "quorum " + quorum;
    }
  }
}
