package org.hashfed.protocol.entry;

import java.util.Objects;
import java.util.Optional;

/** Withdraws one of the member's own submits, with a reason other than {@code confirmed}. */
public record Retract(EntryId target, ReasonCode reason, Optional<String> note) implements EntryBody {

  /** Validates every field. */
  public Retract {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    if (reason == ReasonCode.CONFIRMED) {
      throw new IllegalArgumentException("a retract cannot have reason \"confirmed\": expected a reason to withdraw");
    }
    note = Objects.requireNonNull(note, "note").map(n -> Text.note(n, "note"));
  }

  /** A retract without a note. */
  public static Retract of(EntryId target, ReasonCode reason) {
    return new Retract(target, reason, Optional.empty());
  }

  @Override
  public EntryKind kind() {
    return EntryKind.RETRACT;
  }
}
