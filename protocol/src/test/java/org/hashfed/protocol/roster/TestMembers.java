package org.hashfed.protocol.roster;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.MemberId;

/**
 * Fixed-seed members for roster tests and vectors. Member {@code n} (0-based) has the seed of
 * 32 consecutive bytes starting at {@code 32 n + 1}, so acme has the seed 0x01..0x20 of every other
 * vector, beta 0x21..0x40, and so on.
 */
final class TestMembers {

  static final List<String> NAMES = List.of("acme", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta");
  static final Instant T0 = Instant.parse("2026-11-28T13:45:00Z");

  private TestMembers() {}

  static byte[] seed(int n) {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (32 * n + i + 1);
    }
    return seed;
  }

  static Ed25519PrivateKey key(int n) {
    return Ed25519PrivateKey.fromSeed(seed(n));
  }

  static Ed25519PrivateKey key(String name) {
    return key(NAMES.indexOf(name));
  }

  static MemberRecord member(int n) {
    String id = NAMES.get(n);
    String fp = HexFormat.of().formatHex(new byte[] {(byte) (n + 1)}).repeat(32);
    return MemberRecord.create(MemberId.parse(id), Character.toUpperCase(id.charAt(0)) + id.substring(1) + " Inc.",
        key(n).publicKey(), PeerUrl.parse("https://" + id + ".hashfed.test:8443"), TlsFingerprint.parse(fp),
        MemberStatus.ACTIVE);
  }

  static MemberRecord member(String name) {
    return member(NAMES.indexOf(name));
  }

  static MemberId id(String name) {
    return MemberId.parse(name);
  }

  /** Version 1 with the first {@code n} members, signed by all of them. */
  static SignedRoster genesis(int n) throws RosterVerificationException {
    List<MemberRecord> founders = java.util.stream.IntStream.range(0, n).mapToObj(TestMembers::member).toList();
    Roster r = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, T0, founders);
    return RosterVerifier.verifyGenesis(sign(r, NAMES.subList(0, n).toArray(String[]::new)), null);
  }

  /** An envelope over the roster signed by the named members' keys, in order. */
  static Envelope sign(Roster roster, String... signers) {
    Envelope e = RosterEnvelopes.propose(roster, key(signers[0]));
    for (int i = 1; i < signers.length; i++) {
      e = RosterEnvelopes.cosign(e, key(signers[i]));
    }
    return e;
  }
}
