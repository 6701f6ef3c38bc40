package org.hashfed.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.protocol.audit.MemberLogs;
import org.hashfed.protocol.audit.RosterHistory;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogProofs;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.Rfc6962;
import org.hashfed.protocol.roster.RosterVerificationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hashfed audit provenance TYPE VALUE}: who said what, when, about one signal, each entry proven in the log. */
@Command(
    name = "provenance",
    mixinStandardHelpOptions = true,
    description = {
      "List every logged entry about one signal (submissions, opinions, retractions): who and when, each "
          + "with its signature and its inclusion proof in the node's signed checkpoint verified. "
          + "Exit status 0 when every entry verifies, 1 when one does not or none is found, 2 usage, 3 node error."
    })
public final class AuditProvenanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TYPE", description = "pdq, md5 or sha256")
  String type;

  @Parameters(index = "1", paramLabel = "VALUE", description = "the hash, in hex")
  String value;

  @Mixin NodeOptions nodeOptions;

  @Mixin AuditOptions options;

  private record Row(long index, String entryId, String member, String time, String kind, String what, String problem) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Row> rows = new ArrayList<>();
    Checkpoint checkpoint;
    try {
      HttpLogSource source = options.node(nodeOptions, err);
      RosterHistory roster = RosterHistory.verify(options.withRoster(source).rosterHistory(),
          options.founders().isEmpty() ? null : options.founders());
      checkpoint = MemberLogs.verifyCheckpoint(source.checkpoint(), roster).checkpoint();
      for (HttpLogSource.Leaf leaf : source.aboutSignal(type, value)) {
        if (leaf.index() < checkpoint.size()) {
          rows.add(check(source, roster, checkpoint, leaf));
        }
      }
    } catch (CommandError e) {
      err.println("hashfed audit provenance: " + e.getMessage());
      return e.exitCode();
    } catch (RosterVerificationException | LogFormatException | LogVerificationException e) {
      err.println("hashfed audit provenance: " + e.getMessage());
      return ExitCodes.NOT_FOUND;
    } catch (IOException e) {
      err.println("hashfed audit provenance: " + e.getMessage());
      return ExitCodes.SERVER;
    }
    boolean ok = rows.stream().allMatch(r -> r.problem() == null);
    if (options.json) {
      ObjectNode o = Json.mapper().createObjectNode().put("ok", ok && !rows.isEmpty());
      o.putObject("checkpoint").put("origin", checkpoint.origin()).put("size", checkpoint.size())
          .put("root", checkpoint.root().toHex());
      ArrayNode a = o.putArray("entries");
      for (Row r : rows) {
        ObjectNode n = a.addObject().put("index", r.index()).put("entry_id", r.entryId()).put("member", r.member())
            .put("time", r.time()).put("kind", r.kind()).put("what", r.what()).put("verified", r.problem() == null);
        if (r.problem() != null) {
          n.put("problem", r.problem());
        }
      }
      out.println(o);
    } else {
      out.println(type + " " + value + " in " + checkpoint.origin() + " (checkpoint size " + checkpoint.size() + "):");
      if (rows.isEmpty()) {
        out.println("  no logged entry about this signal");
      }
      for (Row r : rows) {
        out.println("  " + r.time() + "  " + r.member() + "  " + r.kind() + "  " + r.what() + "  [index " + r.index()
            + ", entry " + r.entryId() + "] " + (r.problem() == null ? "verified" : "NOT VERIFIED: " + r.problem()));
      }
    }
    out.flush();
    return ok && !rows.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private static Row check(HttpLogSource source, RosterHistory roster, Checkpoint checkpoint, HttpLogSource.Leaf leaf)
      throws IOException {
    Entry entry;
    Envelope envelope;
    String id = "?";
    try {
      envelope = Envelope.parse(leaf.envelope());
      entry = Entry.parse(envelope.payload());
      id = EntryId.ofPayload(envelope.payload()).hex();
    } catch (EnvelopeFormatException | EntryFormatException e) {
      return new Row(leaf.index(), id, "?", "?", "?", "", "malformed: " + e.getMessage());
    }
    String problem = null;
    try {
      List<Hash32> proof = new ArrayList<>();
      for (String h : source.inclusionProof(leaf.index(), checkpoint.size())) {
        proof.add(Hash32.fromHex(h));
      }
      LogProofs.verifyInclusion(Rfc6962.leafHash(leaf.envelope()), leaf.index(), checkpoint.size(), proof,
          checkpoint.root());
      Optional<Ed25519PublicKey> key = roster.inForceAt(entry.time()).memberKey(entry.member());
      if (key.isEmpty()) {
        problem = "member " + entry.member() + " is not in the roster in force at " + entry.time();
      } else {
        SignedEntry.verify(envelope, key.get());
      }
    } catch (LogVerificationException | IllegalArgumentException e) {
      problem = "inclusion proof: " + e.getMessage();
    } catch (SignatureVerificationException | EntryFormatException e) {
      problem = "signature: " + e.getMessage();
    }
    return new Row(leaf.index(), id, entry.member().value(), entry.time().toString(), entry.kind().wireName(),
        describe(entry), problem);
  }

  private static String describe(Entry entry) {
    if (entry.body() instanceof Submit s) {
      return "labels " + s.labels();
    } else if (entry.body() instanceof Opinion o) {
      return o.stance().wireName() + " (" + o.reason().wireName() + ") on " + o.target();
    } else if (entry.body() instanceof Retract r) {
      return "retracts " + r.target() + " (" + r.reason().wireName() + ")";
    }
    return "";
  }
}
