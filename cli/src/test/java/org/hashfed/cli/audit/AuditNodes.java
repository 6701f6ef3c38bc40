package org.hashfed.cli.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.hashfed.protocol.signal.Signal;

/** Real nodes with a fixed member key, and the signed genesis roster an auditor is given for them. */
final class AuditNodes {

  static final Ed25519PrivateKey ACME = Ed25519PrivateKey.fromSeed(filled(7));

  private AuditNodes() {}

  static byte[] filled(int b) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) b);
    return seed;
  }

  /** Starts (or restarts) the node "acme" in {@code dir} and waits until it is ready. */
  static Node start(Path dir) throws IOException {
    return start(dir, b -> b);
  }

  /** As {@link #start(Path)}, with {@code customize} adjusting the configuration. */
  static Node start(Path dir, java.util.function.UnaryOperator<NodeConfig.Builder> customize) throws IOException {
    Path keyFile = dir.resolve("member.key");
    if (!Files.exists(keyFile)) {
      Files.createDirectories(dir);
      KeyFiles.writePrivateKey(keyFile, ACME);
    }
    Node node = Node.start(customize.apply(NodeConfig.builder().member("acme").dataDir(dir).port(0).peerPort(0)).build());
    node.awaitReady(Duration.ofSeconds(20));
    return node;
  }

  /** Writes the genesis roster listing acme, signed by it, to {@code file}. */
  static Path rosterFile(Path file) throws IOException {
    MemberRecord acme = MemberRecord.create(MemberId.parse("acme"), "Acme", ACME.publicKey(),
        PeerUrl.parse("https://acme.hashfed.test:8443"), TlsFingerprint.parse("01".repeat(32)), MemberStatus.ACTIVE);
    Roster roster = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, Instant.parse("2020-01-01T00:00:00Z"), List.of(acme));
    Envelope envelope = RosterEnvelopes.propose(roster, ACME);
    Files.write(file, (new String(envelope.toJson(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }

  static Appended submit(Node node, String md5) {
    return ledger(node).submit(Submit.of(Signal.parse("md5", md5), List.of(Label.parse("behavior:glorification"))));
  }

  static Appended retract(Node node, Appended target) {
    return ledger(node).retract(target.entryId(), ReasonCode.FALSE_POSITIVE, Optional.empty());
  }

  static Ledger ledger(Node node) {
    return node.ledger().orElseThrow();
  }

  static String md5(int i) {
    return String.format("%032x", i + 1);
  }
}
