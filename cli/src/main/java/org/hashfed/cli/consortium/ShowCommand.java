package org.hashfed.cli.consortium;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeSignature;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a roster file, who signed it, and whether it is valid. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print a roster file, who signed it and whether it is valid: version 1 when every founder signed, "
          + "version N when a quorum of version N-1's active members signed (give every version from 1 to N-1 "
          + "with --current, in order). "
          + "Exit status: 0 valid, 1 not (yet) valid, 2 usage error or unreadable file."
    })
final class ShowCommand extends FailingCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The roster file.")
  Path file;

  @Option(names = "--current", paramLabel = "FILE", arity = "1..*",
      description = "The versions before FILE, from version 1 on, in order (at least the one just before it).")
  List<Path> current = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  int execute() throws CommandFailure {
    Envelope envelope;
    Roster roster;
    try {
      envelope = RosterFiles.readEnvelope(file);
      roster = RosterFiles.unverifiedRoster(file, envelope);
    } catch (CommandFailure f) {
      throw Files.isRegularFile(file) ? new CommandFailure(ExitCodes.NOT_FOUND, "NOT VALID: " + f.getMessage()) : f;
    }
    Optional<SignedRoster> previous = previous(roster);
    String problem = null;
    SignedRoster verified = null;
    try {
      verified = previous.isEmpty() ? RosterVerifier.verifyGenesis(envelope, null)
          : RosterVerifier.verifyNext(previous.get(), envelope);
    } catch (RosterVerificationException e) {
      problem = e.getMessage();
    }
    Roster eligible = previous.map(SignedRoster::roster).orElse(roster);
    List<SignatureLine> lines = signatureLines(envelope, eligible, roster, previous.isPresent());
    if (json) {
      printJson(envelope, roster, lines, verified, problem);
    } else {
      printText(envelope, roster, lines, verified, problem, previous);
    }
    return verified != null ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private Optional<SignedRoster> previous(Roster roster) throws CommandFailure {
    if (roster.version() == 1) {
      if (!current.isEmpty()) {
        throw new CommandFailure(ExitCodes.USAGE, file + " is version 1: it follows no version, drop --current");
      }
      return Optional.empty();
    }
    if (current.isEmpty()) {
      throw new CommandFailure(ExitCodes.USAGE, file + " is version " + roster.version()
          + ": its validity depends on version " + (roster.version() - 1)
          + "; give --current with every version from 1 to " + (roster.version() - 1) + ", in order");
    }
    SignedRoster prev;
    try {
      prev = RosterFiles.verifyChain(current);
    } catch (RosterVerificationException e) {
      throw new CommandFailure(ExitCodes.NOT_FOUND, "the --current chain " + current + " is not valid: "
          + e.getMessage());
    }
    if (prev.roster().version() + 1 != roster.version()) {
      throw new CommandFailure(ExitCodes.USAGE, "--current ends at version " + prev.roster().version() + " but " + file
          + " is version " + roster.version() + ": expected the chain up to version " + (roster.version() - 1));
    }
    return Optional.of(prev);
  }

  /** How one signature counts; mirrors the verifier so that a person sees which signature is missing or wrong. */
  record SignatureLine(KeyId keyId, Optional<MemberRecord> member, boolean counted, String note) {}

  private static List<SignatureLine> signatureLines(Envelope envelope, Roster eligible, Roster candidate,
      boolean successor) {
    byte[] pae = envelope.pae();
    Set<KeyId> seen = new HashSet<>();
    List<SignatureLine> out = new ArrayList<>();
    String of = successor ? " in v" + eligible.version() : "";
    for (EnvelopeSignature s : envelope.signatures()) {
      Optional<MemberRecord> m = eligible.memberByKeyId(s.keyId());
      if (m.isEmpty()) {
        Optional<MemberRecord> listed = candidate.memberByKeyId(s.keyId());
        out.add(new SignatureLine(s.keyId(), listed, false, "not counted: key of no " + (successor ? "member" + of
            : "founder") + (listed.isPresent() ? " (only this version lists it)" : "")));
      } else if (!m.get().isActive()) {
        out.add(new SignatureLine(s.keyId(), m, false, "not counted: " + m.get().status().wireName() + of));
      } else if (!seen.add(s.keyId())) {
        out.add(new SignatureLine(s.keyId(), m, false, "duplicate: counted once"));
      } else {
        String note;
        boolean ok;
        try {
          m.get().key().verify(pae, s.sig());
          note = "valid";
          ok = true;
        } catch (SignatureVerificationException e) {
          note = "INVALID: " + e.getMessage();
          ok = false;
        }
        out.add(new SignatureLine(s.keyId(), m, ok, note));
      }
    }
    return out;
  }

  private void printText(Envelope envelope, Roster r, List<SignatureLine> lines, SignedRoster verified,
      String problem, Optional<SignedRoster> previous) {
    var out = out();
    out.println(file + ": roster " + r.consortium() + " version " + r.version());
    out.println("  issued     " + EntryTime.format(r.issued()));
    out.println("  previous   " + r.previous().orElse("none (version 1)"));
    out.println("  digest     " + SignedRoster.digestOf(envelope.payload()));
    out.println("  quorum     " + r.quorum() + " (the next version needs " + r.requiredSignatures() + " of "
        + r.activeMembers().size() + " active members)");
    out.println("  members    " + r.members().size());
    int width = r.members().stream().mapToInt(m -> m.id().value().length()).max().orElse(4);
    for (MemberRecord m : r.members()) {
      out.println(String.format("    %-" + width + "s  %-9s  %s  %s  key %s  tls %s", m.id(), m.status().wireName(),
          m.name(), m.peerUrl(), m.key().keyId().hex().substring(0, 16), m.tlsFingerprint().hex().substring(0, 16)));
    }
    out.println("  signatures " + lines.size());
    for (SignatureLine l : lines) {
      out.println(String.format("    %-" + width + "s  %s  %s", l.member().map(m -> m.id().value()).orElse("?"),
          l.keyId().hex().substring(0, 16), l.note()));
    }
    if (verified != null) {
      out.println("VALID: " + (previous.isEmpty() ? "signed by every founder ("
          + verified.signers().size() + ")" : "signed by " + verified.signers().stream().map(Object::toString).sorted()
              .toList() + ", " + verified.signers().size() + " of " + previous.get().roster().activeMembers().size()
              + " active members of v" + previous.get().roster().version() + " (needs "
              + previous.get().roster().requiredSignatures() + ", quorum " + previous.get().roster().quorum() + ")"));
    } else {
      out.println("NOT VALID: " + problem);
    }
    out.flush();
  }

  private void printJson(Envelope envelope, Roster r, List<SignatureLine> lines, SignedRoster verified,
      String problem) throws CommandFailure {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("file", file.toString());
    o.put("valid", verified != null);
    if (problem == null) {
      o.putNull("problem");
    } else {
      o.put("problem", problem);
    }
    o.put("consortium", r.consortium());
    o.put("version", r.version());
    o.put("digest", SignedRoster.digestOf(envelope.payload()));
    ArrayNode sigs = o.putArray("signatures");
    for (SignatureLine l : lines) {
      ObjectNode s = sigs.addObject();
      s.put("keyid", l.keyId().hex());
      if (l.member().isPresent()) {
        s.put("member", l.member().get().id().value());
      } else {
        s.putNull("member");
      }
      s.put("counted", l.counted());
      s.put("note", l.note());
    }
    try {
      o.set("roster", Json.readTree(envelope.payload()));
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.NOT_FOUND, "roster file " + file + " payload is not JSON: " + e.getMessage());
    }
    out().println(new String(Json.write(o), StandardCharsets.UTF_8));
    out().flush();
  }
}
