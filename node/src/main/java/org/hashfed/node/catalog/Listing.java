package org.hashfed.node.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/** One matchable submission: what a match returns about it. */
public final class Listing {

  private final EntryId entryId;
  private final MemberId member;
  private final Signal signal;
  private final List<Label> labels;
  private final Optional<String> incident;
  private final Instant submittedAt;
  private final Optional<Instant> expiresAt;

  private Listing(EntryId entryId, Entry entry, Submit submit) {
    this(entryId, entry.member(), submit.signal(), submit.labels(), submit.incident(), entry.time(),
        submit.expiresAt());
  }

  private Listing(EntryId entryId, MemberId member, Signal signal, List<Label> labels, Optional<String> incident,
      Instant submittedAt, Optional<Instant> expiresAt) {
    this.entryId = entryId;
    this.member = member;
    this.signal = signal;
    this.labels = List.copyOf(labels);
    this.incident = incident;
    this.submittedAt = submittedAt;
    this.expiresAt = expiresAt;
  }

  /**
   * The listing of a submit of {@code member} at {@code submittedAt}, from its parts (the
   * start-up replay, which does not parse the entry).
   */
  public static Listing create(EntryId entryId, MemberId member, Signal signal, List<Label> labels,
      Optional<String> incident, Instant submittedAt, Optional<Instant> expiresAt) {
    return new Listing(Objects.requireNonNull(entryId, "entryId"), Objects.requireNonNull(member, "member"),
        Objects.requireNonNull(signal, "signal"), labels, Objects.requireNonNull(incident, "incident"),
        Objects.requireNonNull(submittedAt, "submittedAt"), Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  /** This listing with the labels of a relabel entry (already validated and sorted). */
  public Listing withLabels(List<Label> newLabels) {
    return new Listing(entryId, member, signal, newLabels, incident, submittedAt, expiresAt);
  }

  /**
   * The listing of a submit entry.
   *
   * @throws IllegalArgumentException when the entry is not a submit
   */
  public static Listing of(EntryId id, Entry entry) {
    if (!(entry.body() instanceof Submit s)) {
      throw new IllegalArgumentException("entry " + id + " is a " + entry.kind() + " (expected: a submit)");
    }
    return new Listing(id, entry, s);
  }

  /** The submit entry's id. */
  public EntryId entryId() {
    return entryId;
  }

  /** The submitting member. */
  public MemberId member() {
    return member;
  }

  /** The signal as submitted (with its quality). */
  public Signal signal() {
    return signal;
  }

  /** The labels, sorted. */
  public List<Label> labels() {
    return labels;
  }

  /** The incident id, if any. */
  public Optional<String> incident() {
    return incident;
  }

  /** When the member submitted it. */
  public Instant submittedAt() {
    return submittedAt;
  }

  /** When it stops matching, if ever. */
  public Optional<Instant> expiresAt() {
    return expiresAt;
  }

  /** Whether it has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
  }
}
