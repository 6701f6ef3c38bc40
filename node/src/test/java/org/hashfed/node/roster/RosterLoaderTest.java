package org.hashfed.node.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterLoaderTest {

  /** The node's clock: the development roster a first start creates is dated by it. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private NodeConfig config(String member) {
    return NodeConfig.builder().dataDir(dir).member(member).peerPort(9443).build();
  }

  @Test
  void firstStart_createsSignedGenesisListingKeyUrlAndTlsFingerprint() throws Exception {
    NodeConfig c = config("acme");
    MemberIdentity id = MemberIdentity.loadOrCreate(c.member(), c.memberKeyFile());
    TlsIdentity tls = TlsIdentity.loadOrCreate(dir, "acme");
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterBook book = RosterLoader.load(c, store, id, tls.fingerprint(), CLOCK);
      SignedRoster genesis = RosterVerifier.verifyGenesis(
          Envelope.parse(Files.readString(dir.resolve("roster.json")).strip().getBytes(StandardCharsets.UTF_8)), null);
      assertEquals(genesis, book.current());
      assertEquals(CLOCK.instant(), book.current().roster().issued());
      MemberRecord me = book.current().roster().member(MemberId.parse("acme")).orElseThrow();
      assertEquals(id.publicKey(), me.key());
      assertEquals(tls.fingerprint(), me.tlsFingerprint());
      assertEquals("https://127.0.0.1:9443", me.peerUrl().toString());
    }
  }

  @Test
  void rosterWithoutTheMember_refusesToStart() {
    MemberIdentity acme = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    TlsIdentity tls = TlsIdentity.loadOrCreate(dir, "acme");
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterLoader.load(config("acme"), store, acme, tls.fingerprint(), CLOCK);
    }
    Path other = dir.resolve("beta");
    NodeConfig beta = NodeConfig.builder().dataDir(other).member("beta").rosterFile(dir.resolve("roster.json")).build();
    try (Store store = Store.open(other.resolve("store"))) {
      NodeStartException e = assertThrows(NodeStartException.class, () -> RosterLoader.load(beta, store,
          MemberIdentity.loadOrCreate(beta.member(), beta.memberKeyFile()),
          TlsIdentity.loadOrCreate(other, "beta").fingerprint(), CLOCK));
      assertTrue(e.getMessage().contains("has no member beta"), e.getMessage());
    }
  }

  @Test
  void rosterWithAnotherKey_refusesToStart() throws Exception {
    TlsIdentity tls = TlsIdentity.loadOrCreate(dir, "acme");
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterLoader.load(config("acme"), store, MemberIdentity.loadOrCreate("acme", dir.resolve("member.key")),
          tls.fingerprint(), CLOCK);
    }
    Files.delete(dir.resolve("member.key"));
    try (Store store = Store.open(dir.resolve("store2"))) {
      NodeStartException e = assertThrows(NodeStartException.class, () -> RosterLoader.load(config("acme"), store,
          MemberIdentity.loadOrCreate("acme", dir.resolve("member.key")), tls.fingerprint(), CLOCK));
      assertTrue(e.getMessage().contains("different public key"), e.getMessage());
    }
  }

  @Test
  void rosterPinningAnotherCertificate_refusesToStart() {
    MemberIdentity id = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterLoader.load(config("acme"), store, id, TlsIdentity.loadOrCreate(dir, "acme").fingerprint(), CLOCK);
      NodeStartException e = assertThrows(NodeStartException.class,
          () -> RosterLoader.load(config("acme"), store, id, TlsIdentity.generate("acme").fingerprint(), CLOCK));
      assertTrue(e.getMessage().contains("pins TLS fingerprint"), e.getMessage());
    }
  }

  @Test
  void chainFile_isVerifiedAndStored_andAdoptRefusesWithoutQuorum() throws Exception {
    NodeConfig c = config("acme");
    MemberIdentity id = MemberIdentity.loadOrCreate(c.member(), c.memberKeyFile());
    TlsIdentity tls = TlsIdentity.loadOrCreate(dir, "acme");
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterBook book = RosterLoader.load(c, store, id, tls.fingerprint(), CLOCK);
      SignedRoster v1 = book.current();
      Roster v2 = v1.successor(v1.roster().issued()).withMember(MemberRecord.create(MemberId.parse("beta"), "Beta",
          org.hashfed.protocol.crypto.Ed25519PrivateKey.generate(new java.security.SecureRandom()).publicKey(),
          PeerUrl.parse("https://127.0.0.1:9444"), TlsIdentity.generate("beta").fingerprint(), MemberStatus.ACTIVE));
      Envelope signedV2 = id.signRoster(v2);
      assertEquals(RosterBook.Adoption.ADOPTED, book.adopt(signedV2));
      assertEquals(RosterBook.Adoption.ALREADY_HELD, book.adopt(signedV2));
      Roster v3 = book.current().successor(v2.issued()).withQuorum(Quorum.of(1, 1));
      Envelope unsignedEnough = org.hashfed.protocol.roster.RosterEnvelopes.propose(v3,
          org.hashfed.protocol.crypto.Ed25519PrivateKey.generate(new java.security.SecureRandom()));
      assertThrows(RosterVerificationException.class, () -> book.adopt(unsignedEnough));
      assertEquals(2, book.current().roster().version());
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterBook again = RosterLoader.load(c, store, id, tls.fingerprint(), CLOCK);
      assertEquals(List.of(1L, 2L), again.all().stream().map(r -> r.roster().version()).toList());
    }
  }

  @Test
  void fileDisagreeingWithStoredHistory_refusesToStart() throws Exception {
    NodeConfig c = config("acme");
    MemberIdentity id = MemberIdentity.loadOrCreate(c.member(), c.memberKeyFile());
    TlsIdentity tls = TlsIdentity.loadOrCreate(dir, "acme");
    try (Store store = Store.open(dir.resolve("store"))) {
      RosterLoader.load(c, store, id, tls.fingerprint(), CLOCK);
      Files.delete(dir.resolve("roster.json"));
      Roster other = Roster.genesis("other", Quorum.TWO_THIRDS, Instant.parse("2026-01-01T00:00:00Z"),
          List.of(MemberRecord.create(id.member(), "acme", id.publicKey(), PeerUrl.parse("https://127.0.0.1:9443"),
              tls.fingerprint(), MemberStatus.ACTIVE)));
      Files.write(dir.resolve("roster.json"), id.signRoster(other).toJson());
      NodeStartException e = assertThrows(NodeStartException.class,
          () -> RosterLoader.load(c, store, id, tls.fingerprint(), CLOCK));
      assertTrue(e.getMessage().contains("differs from the version this node adopted"), e.getMessage());
    }
  }
}
