package org.hashfed.protocol.feed;

/** Why a feed refused an envelope. */
public enum RejectReason {
  /** The bytes are not a DSSE envelope. */
  MALFORMED_ENVELOPE,
  /** The envelope is not an entry signed by the member's roster key. */
  BAD_SIGNATURE,
  /** The signed payload is not a well-formed entry. */
  MALFORMED_ENTRY,
  /** The entry names another member than the feed's. */
  WRONG_MEMBER,
  /** The entry's prev is not the id of the held entry before it. */
  BROKEN_PREV,
  /** The entry's time is before its predecessor's. */
  TIME_REGRESSION,
  /** The entry's seq is at or below the head but the caller holds no entry there to compare. */
  UNKNOWN_HISTORY
}
