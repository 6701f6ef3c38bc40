package org.hashfed.protocol.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.fuzz.Fuzz;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Audit bundle files (a roster, a signed checkpoint and the log's leaves: roster versions and
 * entries), mutated, read and audited: reading throws only {@link IOException} naming the
 * problem, within a bound, and auditing whatever reads reports findings instead of throwing.
 */
class AuditBundleFuzzProperties {

  private static final byte[] SEED = new byte[32];
  private static final byte[] BUNDLE = bundle();

  private static byte[] bundle() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
    MemberId acme = MemberId.parse("acme");
    Instant t0 = Instant.parse("2026-11-28T13:45:00Z");
    Roster roster = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, t0, List.of(MemberRecord.create(acme, "Acme Inc.",
        key.publicKey(), PeerUrl.parse("https://acme.hashfed.test:8443"),
        TlsFingerprint.parse(HexFormat.of().formatHex(new byte[32])), MemberStatus.ACTIVE)));
    Envelope genesis = RosterEnvelopes.propose(roster, key);
    EntrySigner signer = EntrySigner.create(acme, key);
    Entry first = Entry.create(acme, 1, Optional.empty(), t0.plusSeconds(1),
        Submit.of(Signal.of(SignalType.MD5, "0".repeat(32)),
            List.of(Label.parse("behavior:glorification"))));
    var signedFirst = signer.sign(first);
    Entry second = Entry.create(acme, 2, Optional.of(signedFirst.id()), t0.plusSeconds(2),
        Submit.of(Signal.of(SignalType.MD5, "1".repeat(32)),
            List.of(Label.parse("behavior:glorification"))));
    List<byte[]> leaves = List.of(genesis.toJson(), signedFirst.envelope().toJson(),
        signer.sign(second).envelope().toJson());
    MerkleTree tree = MerkleTree.inMemory();
    leaves.forEach(tree::append);
    String origin = Checkpoint.hashfedOrigin("gifct-test", "acme");
    String checkpoint = SignedCheckpoint.sign(Checkpoint.create(origin, tree.size(), tree.root()),
        Ed25519NoteSigner.fromSeed(origin, SEED)).encode();
    ObjectNode n = Json.mapper().createObjectNode().put("format", AuditBundle.FORMAT).put("checkpoint", checkpoint);
    try {
      n.putArray("roster").add(Json.readTree(genesis.toJson()));
      var entries = n.putArray("entries");
      leaves.forEach(l -> entries.add(Base64.getEncoder().encodeToString(l)));
      return Json.write(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property
  void read_ofMutatedBundles_auditsWithFindingsOrThrowsIOException(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) throws IOException {
    byte[] bytes = Fuzz.mutate(BUNDLE, seed, edits);
    Path file = Files.createTempFile("fuzz-bundle", ".json");
    try {
      Files.write(file, bytes);
      Fuzz.parse(bytes, () -> AuditBundle.read(file), IOException.class).ifPresent(bundle ->
          Fuzz.parse(bytes, () -> AuditVerifier.create(null, null, List.of(), null).verify(bundle), IOException.class));
    } finally {
      Files.delete(file);
    }
  }
}
