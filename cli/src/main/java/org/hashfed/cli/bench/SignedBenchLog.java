package org.hashfed.cli.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.Hash32;
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

/**
 * A provenance log for the audit benchmarks ({@code bench audit}, {@code bench log}): N signed PDQ
 * submissions of M members, one feed each, interleaved round-robin, under a genesis roster all of
 * them signed and a checkpoint signed by the first.
 */
record SignedBenchLog(List<byte[]> leaves, Hash32 root, String note, LogSource source) {

  /** Signs the log's entries on every core. */
  static SignedBenchLog generate(int entries, int members) {
    List<Ed25519PrivateKey> keys = new ArrayList<>();
    List<MemberRecord> records = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (m + 1);
      Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
      keys.add(key);
      records.add(MemberRecord.create(MemberId.parse("bench" + m), "Bench " + m, key.publicKey(),
          PeerUrl.parse("https://bench" + m + ".hashfed.test"), TlsFingerprint.parse(String.format("%064x", m + 1)),
          MemberStatus.ACTIVE));
    }
    Roster roster = Roster.genesis("bench", Quorum.TWO_THIRDS, Instant.parse("2020-01-01T00:00:00Z"), records);
    Envelope signedByAll = RosterEnvelopes.propose(roster, keys.get(0));
    for (Ed25519PrivateKey k : keys.subList(1, members)) {
      signedByAll = RosterEnvelopes.cosign(signedByAll, k);
    }
    Envelope rosterEnvelope = signedByAll;
    Instant time = EntryTime.truncate(Instant.now());
    int perMember = (entries + members - 1) / members;
    List<List<byte[]>> feeds = IntStream.range(0, members).parallel().mapToObj(m -> {
      EntrySigner signer = EntrySigner.create(MemberId.parse("bench" + m), keys.get(m));
      FeedState state = FeedState.empty(MemberId.parse("bench" + m));
      List<byte[]> feed = new ArrayList<>(perMember);
      for (int i = 0; i < perMember; i++) {
        var e = signer.sign(state.next(time, Submit.of(Signal.parse("pdq", String.format("%016x", (long) m << 40 | i)
            .repeat(4)), List.of(Label.parse("behavior:glorification")))));
        state = state.advance(e);
        feed.add(e.envelope().toJson());
      }
      return feed;
    }).toList();
    List<byte[]> leaves = new ArrayList<>(entries);
    MerkleTree tree = MerkleTree.inMemory();
    for (int i = 0; leaves.size() < entries; i++) {
      byte[] leaf = feeds.get(i % members).get(i / members);
      leaves.add(leaf);
      tree.append(leaf);
    }
    String origin = Checkpoint.hashfedOrigin("bench.example", "bench0");
    String note = SignedCheckpoint.sign(Checkpoint.create(origin, entries, tree.root()),
        Ed25519NoteSigner.create(origin, Ed25519RawSigner.of(keys.get(0)))).encode();
    LogSource source = new LogSource() {
      @Override
      public String checkpoint() {
        return note;
      }

      @Override
      public List<byte[]> leaves(long start, long end) {
        return leaves.subList((int) start, (int) Math.min(end, leaves.size()));
      }

      @Override
      public List<Envelope> rosterHistory() {
        return List.of(rosterEnvelope);
      }
    };
    return new SignedBenchLog(List.copyOf(leaves), tree.root(), note, source);
  }
}
