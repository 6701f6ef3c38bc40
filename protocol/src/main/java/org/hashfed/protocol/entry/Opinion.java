package org.hashfed.protocol.entry;

import java.util.Objects;
import java.util.Optional;

/**
 * Another member's submit judged: {@code agree} takes reason {@code confirmed}, {@code disagree}
 * any other reason.
 */
public record Opinion(EntryId target, MemberId targetMember, Stance stance, ReasonCode reason, Optional<String> note)
    implements EntryBody {

  /** Validates every field and that stance and reason agree. */
  public Opinion {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetMember, "targetMember");
    Objects.requireNonNull(stance, "stance");
    Objects.requireNonNull(reason, "reason");
    if ((stance == Stance.AGREE) != (reason == ReasonCode.CONFIRMED)) {
      throw new IllegalArgumentException("opinion stance \"" + stance.wireName() + "\" with reason \""
          + reason.wireName() + "\": expected reason \"confirmed\" exactly when the stance is \"agree\"");
    }
    note = Objects.requireNonNull(note, "note").map(n -> Text.note(n, "note"));
  }

  /** An opinion without a note. */
  public static Opinion of(EntryId target, MemberId targetMember, Stance stance, ReasonCode reason) {
    return new Opinion(target, targetMember, stance, reason, Optional.empty());
  }

  @Override
  public EntryKind kind() {
    return EntryKind.OPINION;
  }
}
