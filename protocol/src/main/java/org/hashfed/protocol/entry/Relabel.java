package org.hashfed.protocol.entry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Replaces the whole label set of one of the member's own submits. */
public record Relabel(EntryId target, List<Label> labels, Optional<String> note) implements EntryBody {

  /** Validates every field; labels are copied and sorted. */
  public Relabel {
    Objects.requireNonNull(target, "target");
    labels = Labels.check(labels);
    note = Objects.requireNonNull(note, "note").map(n -> Text.note(n, "note"));
  }

  /** A relabel without a note. */
  public static Relabel of(EntryId target, List<Label> labels) {
    return new Relabel(target, labels, Optional.empty());
  }

  @Override
  public EntryKind kind() {
    return EntryKind.RELABEL;
  }
}
