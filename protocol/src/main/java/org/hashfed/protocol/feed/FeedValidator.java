package org.hashfed.protocol.feed;

import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * Classifies envelopes offered for one member's feed. The signature is checked with the member's
 * roster key before the payload is parsed; only then are seq, prev and time compared with the feed.
 */
public final class FeedValidator {

  private final MemberId member;
  private final Ed25519PublicKey key;

  private FeedValidator(MemberId member, Ed25519PublicKey key) {
    this.member = member;
    this.key = key;
  }

  /** A validator for the feed of the given member, whose roster key is given. */
  public static FeedValidator create(MemberId member, Ed25519PublicKey memberKey) {
    return new FeedValidator(Objects.requireNonNull(member, "member"), Objects.requireNonNull(memberKey, "memberKey"));
  }

  /** Classifies envelope JSON bytes; never throws for bad input. */
  public FeedVerdict classify(byte[] envelopeJson, FeedState state, HeldEntries held) {
    try {
      return classify(Envelope.parse(envelopeJson), state, held);
    } catch (EnvelopeFormatException e) {
      return new FeedVerdict.Rejected(RejectReason.MALFORMED_ENVELOPE, e.getMessage());
    }
  }

  /**
   * Classifies a parsed envelope against the feed state and the entries the caller holds.
   *
   * @throws IllegalArgumentException when the state is another member's (a caller bug)
   */
  public FeedVerdict classify(Envelope envelope, FeedState state, HeldEntries held) {
    if (!state.member().equals(member)) {
      throw new IllegalArgumentException("feed validator of member " + member + " given the state of " + state.member());
    }
    SignedEntry signed;
    try {
      signed = SignedEntry.verify(envelope, key);
    } catch (SignatureVerificationException e) {
      return new FeedVerdict.Rejected(RejectReason.BAD_SIGNATURE, e.getMessage());
    } catch (EntryFormatException e) {
      return new FeedVerdict.Rejected(RejectReason.MALFORMED_ENTRY, e.getMessage());
    }
    Entry e = signed.entry();
    if (!e.member().equals(member)) {
      return new FeedVerdict.Rejected(RejectReason.WRONG_MEMBER, "entry names member " + e.member()
          + " but was signed for the feed of " + member);
    }
    long last = state.lastSeq();
    if (e.seq() <= last) {
      Optional<SignedEntry> mine = held.at(e.seq());
      if (mine.isEmpty()) {
        return new FeedVerdict.Rejected(RejectReason.UNKNOWN_HISTORY, "entry " + member + "#" + e.seq()
            + " is at or below the head " + last + " but no entry is held there to compare");
      }
      if (mine.get().id().equals(signed.id())) {
        return new FeedVerdict.Duplicate(e.seq(), signed.id());
      }
      return new FeedVerdict.Equivocation(EquivocationEvidence.of(mine.get(), signed));
    }
    if (e.seq() > last + 1) {
      return new FeedVerdict.Gap(last + 1, e.seq() - 1, signed);
    }
    if (!e.prev().equals(state.lastId())) {
      return new FeedVerdict.Rejected(RejectReason.BROKEN_PREV, "entry " + member + "#" + e.seq() + " has prev "
          + e.prev().map(Object::toString).orElse("null") + " but the held entry " + last + " is "
          + state.lastId().map(Object::toString).orElse("none"));
    }
    Optional<FeedHead> head = state.head();
    if (head.isPresent() && e.time().isBefore(head.get().time())) {
      return new FeedVerdict.Rejected(RejectReason.TIME_REGRESSION, "entry " + member + "#" + e.seq() + " has time "
          + e.time() + ", before its predecessor's " + head.get().time());
    }
    return new FeedVerdict.Accepted(signed, state.advance(signed));
  }
}
