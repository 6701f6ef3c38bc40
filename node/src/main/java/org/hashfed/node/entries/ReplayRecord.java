package org.hashfed.node.entries;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/**
 * What the in-memory state needs of one stored entry: its place in the feed, its id and time, and
 * what it does to the catalog and the opinions. The start-up replay reads these back from compact
 * records instead of parsing every envelope; notes and reason codes are left out, the envelope
 * keeps them.
 */
public record ReplayRecord(MemberId member, long seq, EntryId id, Instant time, Body body) {

  /** What the entry does, by kind. */
  public sealed interface Body permits Submitted, Retracted, Opined, Relabelled {}

  /** A submit: the listing the catalog makes of it (its time is the record's). */
  public record Submitted(Signal signal, List<Label> labels, Optional<String> incident, Optional<Instant> expiresAt)
      implements Body {
    /** Checks that every field is present; labels are kept as given (already sorted by the entry). */
    public Submitted {
      Objects.requireNonNull(signal, "signal");
      labels = List.copyOf(labels);
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** A retract of {@code target}. */
  public record Retracted(EntryId target) implements Body {
    /** Checks that the target is present. */
    public Retracted {
      Objects.requireNonNull(target, "target");
    }
  }

  /** An opinion on {@code target}, a submit of {@code targetMember}. */
  public record Opined(EntryId target, MemberId targetMember, Stance stance) implements Body {
    /** Checks that every field is present. */
    public Opined {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(targetMember, "targetMember");
      Objects.requireNonNull(stance, "stance");
    }
  }

  /** A relabel of {@code target} with new labels. */
  public record Relabelled(EntryId target, List<Label> labels) implements Body {
    /** Checks that the target is present. */
    public Relabelled {
      Objects.requireNonNull(target, "target");
      labels = List.copyOf(labels);
    }
  }

  /** Checks that every field is present and seq is positive. */
  public ReplayRecord {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(body, "body");
    if (seq < 1) {
      throw new IllegalArgumentException("replay record seq " + seq + " (expected: >= 1)");
    }
  }

  /** The record of a parsed entry whose id is {@code id}. */
  public static ReplayRecord of(EntryId id, Entry entry) {
    Body body;
    if (entry.body() instanceof Submit s) {
      body = new Submitted(s.signal(), s.labels(), s.incident(), s.expiresAt());
    } else if (entry.body() instanceof Retract r) {
      body = new Retracted(r.target());
    } else if (entry.body() instanceof Opinion o) {
      body = new Opined(o.target(), o.targetMember(), o.stance());
    } else {
      Relabel r = (Relabel) entry.body();
      body = new Relabelled(r.target(), r.labels());
    }
    return new ReplayRecord(entry.member(), entry.seq(), id, entry.time(), body);
  }
}
