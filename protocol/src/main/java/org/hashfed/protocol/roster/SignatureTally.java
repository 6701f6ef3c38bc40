package org.hashfed.protocol.roster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeSignature;

/**
 * Counts the distinct eligible keys with a valid signature on an envelope (DSSE t-of-n, spec 4.3):
 * other keys are ignored and remembered for the error message, a key counts once, and an eligible
 * key's bad signature fails the whole envelope.
 */
final class SignatureTally {

  private final Set<KeyId> valid;
  private final List<String> ignored;

  private SignatureTally(Set<KeyId> valid, List<String> ignored) {
    this.valid = valid;
    this.ignored = ignored;
  }

  static SignatureTally count(Envelope envelope, Map<KeyId, Ed25519PublicKey> eligible,
      Function<KeyId, String> describe, String what) throws RosterVerificationException {
    byte[] pae = envelope.pae();
    Set<KeyId> valid = new LinkedHashSet<>();
    List<String> ignored = new ArrayList<>();
    for (EnvelopeSignature s : envelope.signatures()) {
      Ed25519PublicKey key = eligible.get(s.keyId());
      if (key == null) {
        ignored.add(describe.apply(s.keyId()));
      } else if (!valid.contains(s.keyId())) {
        try {
          key.verify(pae, s.sig());
        } catch (SignatureVerificationException e) {
          throw new RosterVerificationException(what + ": the signature by " + describe.apply(s.keyId())
              + " does not verify (" + e.getMessage() + ")", e);
        }
        valid.add(s.keyId());
      }
    }
    return new SignatureTally(valid, ignored);
  }

  Set<KeyId> valid() {
    return valid;
  }

  /** ", ignored: beta (suspended), unknown key 1a2b..." or nothing. */
  String ignoredSuffix() {
    return ignored.isEmpty() ? "" : "; not counted: " + String.join(", ", ignored);
  }
}
