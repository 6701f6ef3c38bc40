package org.hashfed.protocol.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.dsse.EnvelopeVerifier;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.log.NoteSignature;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterVerificationException;

/**
 * Audits a member's provenance log without trusting it: verifies the roster chain, the checkpoint's
 * log signature with the member's roster key, every entry's signature with the key of the roster in
 * force at its time, every member's feed chain, the root recomputed from all leaves, consistency
 * with the state of the last audit, and the cosignatures of known witnesses.
 */
public final class AuditVerifier {

  /** Leaves asked for per read. */
  public static final int PAGE = 1000;

  /** Told how far the audit is. */
  @FunctionalInterface
  public interface Progress {
    /** {@code done} of {@code total} leaves checked. */
    void update(long done, long total);
  }

  private final AuditState previous;
  private final Collection<Ed25519PublicKey> founders;
  private final List<CosignatureVerifier> witnesses;
  private final Progress progress;

  private AuditVerifier(AuditState previous, Collection<Ed25519PublicKey> founders, List<CosignatureVerifier> witnesses,
      Progress progress) {
    this.previous = previous;
    this.founders = founders;
    this.witnesses = List.copyOf(witnesses);
    this.progress = progress;
  }

  /**
   * A verifier.
   *
   * @param previous the state saved by the last audit of this log, or null on the first
   * @param founders the founders' keys pinned out of band, or null to trust the genesis roster on first use
   * @param witnesses the witnesses whose cosignatures to check
   * @param progress told of progress, or null
   */
  public static AuditVerifier create(AuditState previous, Collection<Ed25519PublicKey> founders,
      List<CosignatureVerifier> witnesses, Progress progress) {
    return new AuditVerifier(previous, founders == null || founders.isEmpty() ? null : List.copyOf(founders), witnesses,
        progress == null ? (d, t) -> { } : progress);
  }

  /**
   * Audits the log {@code source} serves.
   *
   * @throws IOException when the source cannot be read (not a finding: nothing was concluded)
   */
  public AuditReport verify(LogSource source) throws IOException {
    long started = System.nanoTime();
    List<AuditFinding> findings = new ArrayList<>();
    RosterHistory roster = null;
    try {
      roster = RosterHistory.verify(source.rosterHistory(), founders);
    } catch (RosterVerificationException e) {
      findings.add(AuditFinding.of(AuditFinding.Kind.ROSTER, e.getMessage()
          + " (without a verified roster no signature can be checked)"));
    }
    String note = source.checkpoint();
    Checkpoint claimed;
    try {
      claimed = Checkpoint.parse(SignedNote.parse(note).text());
    } catch (LogFormatException e) {
      findings.add(AuditFinding.of(AuditFinding.Kind.CHECKPOINT, "malformed checkpoint: " + e.getMessage()));
      return new AuditReport(null, new AuditReport.Counts(0, 0, 0, 0, 0), List.of(), findings, seconds(started));
    }
    SignedCheckpoint signed = roster == null ? null : openCheckpoint(note, roster, findings);
    Scan scan = new Scan(roster, findings);
    MerkleTree tree = MerkleTree.inMemory();
    long size = claimed.size();
    for (long start = 0; start < size; ) {
      List<byte[]> page = source.leaves(start, Math.min(size, start + PAGE));
      if (page.isEmpty()) {
        break;
      }
      // Parsing and Ed25519 verification of a page's leaves are independent of each other and
      // dominate an audit: spread them over the cores, then take the results in log order.
      long first = start;
      List<Scan.Leaf> inspected = IntStream.range(0, page.size()).parallel()
          .mapToObj(i -> scan.inspect(first + i, page.get(i))).toList();
      for (int i = 0; i < page.size(); i++) {
        tree.append(page.get(i));
        scan.record(inspected.get(i));
        start++;
      }
      progress.update(start, size);
    }
    if (tree.size() != size) {
      findings.add(AuditFinding.of(AuditFinding.Kind.LEAF_COUNT, "the source served " + tree.size()
          + " leaves but the checkpoint is of " + size));
    } else if (!tree.root().equals(claimed.root())) {
      findings.add(AuditFinding.of(AuditFinding.Kind.ROOT_MISMATCH, "the root recomputed from the " + size
          + " leaves is " + tree.root().toHex() + ", not the checkpoint's " + claimed.root().toHex()
          + ": leaves were changed, dropped, added or reordered"));
    }
    if (previous != null) {
      checkState(claimed, tree, findings);
    }
    List<String> cosigners = new ArrayList<>();
    if (signed != null) {
      try {
        for (NoteSignature s : signed.verifiedCosignatures(witnesses)) {
          cosigners.add(s.name());
        }
      } catch (LogVerificationException e) {
        findings.add(AuditFinding.of(AuditFinding.Kind.COSIGNATURE, e.getMessage()));
      }
    }
    AuditReport.Counts counts = new AuditReport.Counts(tree.size(), scan.entries, scan.rosterDocuments,
        scan.otherDocuments, scan.feeds.members());
    return new AuditReport(claimed, counts, cosigners, findings, seconds(started));
  }

  private static SignedCheckpoint openCheckpoint(String note, RosterHistory roster, List<AuditFinding> findings) {
    try {
      return MemberLogs.verifyCheckpoint(note, roster);
    } catch (LogFormatException | LogVerificationException e) {
      findings.add(AuditFinding.of(AuditFinding.Kind.CHECKPOINT, e.getMessage()));
      return null;
    }
  }

  private void checkState(Checkpoint claimed, MerkleTree tree, List<AuditFinding> findings) {
    String what = "the checkpoint saved by the last audit (size " + previous.size() + ", root " + previous.root().toHex()
        + ")";
    if (!previous.origin().equals(claimed.origin())) {
      findings.add(AuditFinding.of(AuditFinding.Kind.INCONSISTENT_WITH_STATE, "the log is " + claimed.origin()
          + " but the state file is of " + previous.origin()));
    } else if (claimed.size() < previous.size()) {
      findings.add(AuditFinding.of(AuditFinding.Kind.INCONSISTENT_WITH_STATE, "the checkpoint's size " + claimed.size()
          + " is smaller than " + what + ": the log rolled back"));
    } else if (tree.size() >= previous.size()) {
      Hash32 rootThen = tree.root(previous.size());
      if (!rootThen.equals(previous.root())) {
        findings.add(AuditFinding.of(AuditFinding.Kind.INCONSISTENT_WITH_STATE, "the log's first " + previous.size()
            + " leaves now have root " + rootThen.toHex() + ", not " + what
            + ": history was rewritten or this auditor is shown a fork"));
      }
    }
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Per-leaf checks: {@link #inspect} alone, in any order and thread; {@link #record} in log order. */
  private static final class Scan {

    /**
     * What one leaf is, and what its own checks found; {@code entry} (with its {@code id}) is an
     * entry whose signature verified with its member's key, or null.
     */
    record Leaf(long index, Kind kind, EntryId id, Entry entry, List<AuditFinding> findings) {}

    enum Kind { MALFORMED, ROSTER, OTHER, ENTRY }

    private final RosterHistory roster;
    // one verifier per member key, made once: inspect runs on every core at once
    private final Map<Ed25519PublicKey, EnvelopeVerifier> verifiers = new ConcurrentHashMap<>();
    private final List<AuditFinding> findings;
    private final FeedTracker feeds = new FeedTracker();
    long entries;
    long rosterDocuments;
    long otherDocuments;

    Scan(RosterHistory roster, List<AuditFinding> findings) {
      this.roster = roster;
      this.findings = findings;
    }

    /** Parses the leaf and verifies its signature; touches no state. */
    Leaf inspect(long index, byte[] leaf) {
      Envelope envelope;
      try {
        envelope = Envelope.parse(leaf);
      } catch (EnvelopeFormatException e) {
        return new Leaf(index, Kind.MALFORMED, null, null, List.of(
            AuditFinding.at(AuditFinding.Kind.MALFORMED, index, null, "not a DSSE envelope: " + e.getMessage())));
      }
      if (envelope.payloadType().equals(Roster.PAYLOAD_TYPE)) {
        return new Leaf(index, Kind.ROSTER, null, null, List.of());
      }
      if (!envelope.payloadType().equals(Entry.PAYLOAD_TYPE)) {
        return new Leaf(index, Kind.OTHER, null, null, List.of());
      }
      byte[] payload = envelope.payload();
      EntryId entryId = EntryId.ofPayload(payload);
      String id = entryId.hex();
      Entry claimed;
      try {
        claimed = Entry.parse(payload);
      } catch (EntryFormatException e) {
        return entry(index, null, null, AuditFinding.at(AuditFinding.Kind.MALFORMED, index, id,
            "entry does not parse: " + e.getMessage()));
      }
      if (roster == null) {
        return entry(index, null, null, null);
      }
      Roster inForce = roster.inForceAt(claimed.time());
      Optional<Ed25519PublicKey> key = inForce.memberKey(claimed.member());
      if (key.isEmpty()) {
        return entry(index, null, null, AuditFinding.at(AuditFinding.Kind.UNKNOWN_MEMBER, index, id, "member "
            + claimed.member() + " is not in roster v" + inForce.version() + ", in force at the entry's time "
            + claimed.time()));
      }
      // The payload is parsed once, above, to learn whose key verifies it; the signature is then
      // checked over the same bytes, so the parsed entry is the one signed.
      try {
        verifiers.computeIfAbsent(key.get(), k -> EnvelopeVerifier.single(Entry.PAYLOAD_TYPE, k)).verify(envelope);
      } catch (SignatureVerificationException e) {
        return entry(index, null, null, AuditFinding.at(AuditFinding.Kind.BAD_SIGNATURE, index, id, "entry "
            + claimed.member() + "#" + claimed.seq() + " does not verify with the member's key in roster v"
            + inForce.version() + ": " + e.getMessage()));
      }
      MemberStatus status = inForce.statusOf(claimed.member()).orElse(MemberStatus.ACTIVE);
      return entry(index, entryId, claimed, status == MemberStatus.ACTIVE ? null : AuditFinding.at(
          AuditFinding.Kind.INACTIVE_MEMBER, index, id, "member " + claimed.member() + " was " + status
              + " in roster v" + inForce.version() + " when it made entry #" + claimed.seq()));
    }

    private static Leaf entry(long index, EntryId id, Entry verified, AuditFinding finding) {
      return new Leaf(index, Kind.ENTRY, id, verified, finding == null ? List.of() : List.of(finding));
    }

    /** Counts the leaf, keeps its findings and checks a verified entry against its member's feed so far. */
    void record(Leaf leaf) {
      switch (leaf.kind()) {
        case ROSTER -> rosterDocuments++;
        case OTHER -> otherDocuments++;
        case ENTRY -> entries++;
        default -> { }
      }
      findings.addAll(leaf.findings());
      if (leaf.entry() != null) {
        FeedTracker.Check c = feeds.check(leaf.id(), leaf.entry(), leaf.index());
        if (c != null) {
          findings.add(AuditFinding.at(c.kind(), leaf.index(), leaf.id().hex(), c.message()));
        }
      }
    }
  }
}
