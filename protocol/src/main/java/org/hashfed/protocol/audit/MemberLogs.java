package org.hashfed.protocol.audit;

import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Ed25519NoteVerifier;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;

/** The log of a consortium member: origin {@code <consortium>/hashfed/log/<member>}, signed with the member's roster key. */
public final class MemberLogs {

  private static final String MARK = "/hashfed/log/";

  private MemberLogs() {}

  /**
   * Verifies a checkpoint note with the key that the latest roster gives the member named in its origin.
   *
   * @throws LogFormatException when the note is malformed
   * @throws LogVerificationException when the origin names no roster member or the signature does not verify
   */
  public static SignedCheckpoint verifyCheckpoint(String note, RosterHistory roster)
      throws LogFormatException, LogVerificationException {
    SignedNote parsed = SignedNote.parse(note);
    String origin = Checkpoint.parse(parsed.text()).origin();
    int at = origin.lastIndexOf(MARK);
    Optional<Ed25519PublicKey> key = Optional.empty();
    if (at > 0) {
      try {
        key = roster.latest().memberKey(MemberId.parse(origin.substring(at + MARK.length())));
      } catch (IllegalArgumentException e) {
        key = Optional.empty();
      }
    }
    if (key.isEmpty()) {
      throw new LogVerificationException("checkpoint origin " + origin
          + " is not <consortium>/hashfed/log/<member> of a member in the roster");
    }
    try {
      return SignedCheckpoint.open(parsed, Ed25519NoteVerifier.create(origin, key.get().bytes()));
    } catch (LogVerificationException e) {
      throw new LogVerificationException("the checkpoint's log signature does not verify with the roster key of the"
          + " member: " + e.getMessage(), e);
    }
  }
}
