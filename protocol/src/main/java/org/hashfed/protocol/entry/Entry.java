package org.hashfed.protocol.entry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a member's feed: member, seq, prev, time and a kind-specific body. The bytes that
 * are signed are {@link #toPayload()}; an entry read from the wire keeps its original bytes in
 * its {@link SignedEntry}, never re-serialised.
 */
public final class Entry {

  /** The DSSE payload type of an entry. */
  public static final String PAYLOAD_TYPE = "application/vnd.hashfed.entry.v1+json";

  /** Highest seq, so that every JSON implementation reads it exactly (2^53 - 1). */
  public static final long MAX_SEQ = (1L << 53) - 1;

  private final MemberId member;
  private final long seq;
  private final EntryId prev;
  private final Instant time;
  private final EntryBody body;

  private Entry(MemberId member, long seq, EntryId prev, Instant time, EntryBody body) {
    this.member = member;
    this.seq = seq;
    this.prev = prev;
    this.time = time;
    this.body = body;
  }

  /**
   * An entry; {@code prev} is empty exactly when {@code seq} is 1.
   *
   * @throws IllegalArgumentException when a field or a cross-field rule is violated
   */
  public static Entry create(MemberId member, long seq, Optional<EntryId> prev, Instant time, EntryBody body) {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(body, "body");
    if (seq < 1 || seq > MAX_SEQ) {
      throw new IllegalArgumentException("invalid seq " + seq + ": expected 1.." + MAX_SEQ);
    }
    if (seq == 1 && prev.isPresent()) {
      throw new IllegalArgumentException("entry with seq 1 has prev " + prev.get() + ": expected null");
    }
    if (seq > 1 && prev.isEmpty()) {
      throw new IllegalArgumentException("entry with seq " + seq + " has no prev: expected the id of entry " + (seq - 1));
    }
    EntryTime.check(time, "time");
    if (body instanceof Submit s && s.expiresAt().isPresent() && !s.expiresAt().get().isAfter(time)) {
      throw new IllegalArgumentException("expires_at " + s.expiresAt().get() + " is not after the entry time " + time);
    }
    if (body instanceof Opinion o && o.targetMember().equals(member)) {
      throw new IllegalArgumentException("member " + member + " gives an opinion on its own entry: "
          + "expected target_member to be another member (retract or relabel your own entries instead)");
    }
    return new Entry(member, seq, prev.orElse(null), time, body);
  }

  /**
   * Parses entry payload bytes (already verified).
   *
   * @throws EntryFormatException when the bytes are not a well-formed entry
   */
  public static Entry parse(byte[] payload) throws EntryFormatException {
    return EntryParser.parse(payload);
  }

  /** The deterministic JSON payload: compact, fields in the order the spec lists them. */
  public byte[] toPayload() {
    return EntryWriter.write(this);
  }

  /** The member whose feed this entry belongs to. */
  public MemberId member() {
    return member;
  }

  /** Position in the member's feed, from 1. */
  public long seq() {
    return seq;
  }

  /** The id of entry {@code seq - 1}; empty for seq 1. */
  public Optional<EntryId> prev() {
    return Optional.ofNullable(prev);
  }

  /** When the member made the entry (whole seconds, UTC). */
  public Instant time() {
    return time;
  }

  /** The entry's kind. */
  public EntryKind kind() {
    return body.kind();
  }

  /** The kind-specific body; switch on its type. */
  public EntryBody body() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Entry e && e.member.equals(member) && e.seq == seq && Objects.equals(e.prev, prev)
        && e.time.equals(time) && e.body.equals(body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, seq, prev, time, body);
  }

  @Override
  public String toString() {
    return "Entry[" + member + "#" + seq + " " + kind().wireName() + " " + EntryTime.format(time) + "]";
  }
}
