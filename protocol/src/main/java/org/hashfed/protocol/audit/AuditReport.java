package org.hashfed.protocol.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Checkpoint;

/** The result of auditing a log: what was checked and every finding; the log holds only when there is none. */
public final class AuditReport {

  /** Counts of what was read. */
  public record Counts(long leaves, long entries, long rosterDocuments, long otherDocuments, int members) {}

  private final Checkpoint checkpoint;
  private final Counts counts;
  private final List<String> cosigners;
  private final List<AuditFinding> findings;
  private final double seconds;

  AuditReport(Checkpoint checkpoint, Counts counts, List<String> cosigners, List<AuditFinding> findings, double seconds) {
    this.checkpoint = checkpoint;
    this.counts = counts;
    this.cosigners = List.copyOf(cosigners);
    this.findings = List.copyOf(findings);
    this.seconds = seconds;
  }

  /** Whether everything holds. */
  public boolean ok() {
    return findings.isEmpty();
  }

  /** The checkpoint audited, when it could be parsed. */
  public Optional<Checkpoint> checkpoint() {
    return Optional.ofNullable(checkpoint);
  }

  /** The state to save for the next run, only when everything holds. */
  public Optional<AuditState> nextState() {
    return ok() && checkpoint != null ? Optional.of(AuditState.of(checkpoint)) : Optional.empty();
  }

  /** What was read. */
  public Counts counts() {
    return counts;
  }

  /** Names of the known witnesses whose cosignatures verified. */
  public List<String> cosigners() {
    return cosigners;
  }

  /** Every problem found, in log order where they concern leaves. */
  public List<AuditFinding> findings() {
    return findings;
  }

  /** Wall-clock seconds the audit took. */
  public double seconds() {
    return seconds;
  }

  /** The report as JSON for tools. */
  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode().put("ok", ok());
    if (checkpoint != null) {
      o.putObject("checkpoint").put("origin", checkpoint.origin()).put("size", checkpoint.size())
          .put("root", checkpoint.root().toHex());
    }
    o.putObject("counts").put("leaves", counts.leaves()).put("entries", counts.entries())
        .put("roster_documents", counts.rosterDocuments()).put("other_documents", counts.otherDocuments())
        .put("members", counts.members());
    ArrayNode c = o.putArray("cosigners");
    cosigners.forEach(c::add);
    ArrayNode f = o.putArray("findings");
    for (AuditFinding finding : findings) {
      ObjectNode n = f.addObject().put("kind", finding.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (finding.index() >= 0) {
        n.put("index", finding.index());
      }
      finding.entryId().ifPresent(id -> n.put("entry_id", id));
      n.put("message", finding.message());
    }
    o.put("seconds", seconds);
    return o;
  }
}
