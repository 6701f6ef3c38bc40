package org.hashfed.node.entries;

import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;

/** A stored entry with its envelope, its status and the opinions other members gave on it. */
public final class EntryRecord {

  /** Status of a submission; other kinds are always {@link #ACTIVE}. */
  public enum Status {
    /** Matchable. */
    ACTIVE,
    /** Retracted by its member. */
    RETRACTED,
    /** Past its {@code expires_at}. */
    EXPIRED
  }

  /** An opinion entry on this entry. */
  public record OpinionRef(EntryId entryId, Entry entry) {}

  private final EntryId id;
  private final Entry entry;
  private final Envelope envelope;
  private final Status status;
  private final Optional<EntryId> retractedBy;
  private final List<OpinionRef> opinions;
  private final Optional<List<Label>> labels;
  private final List<EntryId> relabelledBy;

  EntryRecord(EntryId id, Entry entry, Envelope envelope, Status status, Optional<EntryId> retractedBy,
      List<OpinionRef> opinions, Optional<List<Label>> labels, List<EntryId> relabelledBy) {
    this.id = id;
    this.entry = entry;
    this.envelope = envelope;
    this.status = status;
    this.retractedBy = retractedBy;
    this.opinions = List.copyOf(opinions);
    this.labels = labels.map(List::copyOf);
    this.relabelledBy = List.copyOf(relabelledBy);
  }

  /** The entry id. */
  public EntryId id() {
    return id;
  }

  /** The parsed entry. */
  public Entry entry() {
    return entry;
  }

  /** The envelope as stored. */
  public Envelope envelope() {
    return envelope;
  }

  /** The status. */
  public Status status() {
    return status;
  }

  /** The retract entry, when retracted. */
  public Optional<EntryId> retractedBy() {
    return retractedBy;
  }

  /** For a submission, its labels after its member's relabels; empty for other kinds. */
  public Optional<List<Label>> labels() {
    return labels;
  }

  /** The relabel entries of its member on it, oldest first. */
  public List<EntryId> relabelledBy() {
    return relabelledBy;
  }

  /** The opinions on it, in id order. */
  public List<OpinionRef> opinions() {
    return opinions;
  }
}
