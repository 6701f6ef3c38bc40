package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.EntryRecord;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.Refusal;
import org.hashfed.node.entries.RefusedException;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and start on the same data: entries, retractions, opinions and the indexes come back. */
class NodeRestartTest {

  @TempDir Path dir;

  private Node start() {
    Node n = Node.start(NodeConfig.builder().dataDir(dir).member("acme").port(0).peerPort(0).build());
    n.awaitReady(Duration.ofSeconds(20));
    return n;
  }

  private static Submit submit(Signal s) {
    return Submit.of(s, List.of(Label.parse("behavior:glorification")));
  }

  private static List<CatalogMatch> match(Ledger l, Signal s, int d) {
    return l.catalog().match(s, d, Instant.now());
  }

  @Test
  void restart_rebuildsIndexesAndKeepsRetractionsAndOpinions() {
    PdqHash pdq = PdqHash.ofWords(0x1234_5678_9abc_def0L, -1L, 0x0f0f_0f0f_0f0f_0f0fL, 42L);
    Signal pdqSignal = Signal.pdq(pdq.toHex(), 100);
    Signal md5 = Signal.parse("md5", "00112233445566778899aabbccddeeff");
    Signal gone = Signal.parse("sha256", "cd".repeat(32));
    Appended pdqEntry;
    Appended goneEntry;
    SignedEntry foreign;
    Appended opinion;
    try (Node node = start()) {
      Ledger l = node.ledger().orElseThrow();
      pdqEntry = l.submit(submit(pdqSignal));
      l.submit(submit(md5));
      goneEntry = l.submit(submit(gone));
      l.retract(goneEntry.entryId(), ReasonCode.FALSE_POSITIVE, Optional.empty());

      MemberId beta = MemberId.parse("beta");
      EntrySigner betaSigner = EntrySigner.create(beta, Ed25519PrivateKey.generate(new SecureRandom()));
      foreign = betaSigner.sign(Entry.create(beta, 1, Optional.empty(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
          submit(Signal.parse("md5", "ffeeddccbbaa99887766554433221100"))));
      l.ingest(foreign);
      opinion = l.opinion(foreign.id(), Stance.DISAGREE, ReasonCode.WRONG_LABEL, Optional.of("not this group"));
      RefusedException own = assertThrows(RefusedException.class,
          () -> l.retract(foreign.id(), ReasonCode.OTHER, Optional.empty()));
      assertEquals(Refusal.NOT_OWN_ENTRY, own.refusal());
    }

    try (Node node = start()) {
      Ledger l = node.ledger().orElseThrow();
      List<CatalogMatch> near = match(l, Signal.pdq(pdq.toHex(), null), 0);
      assertEquals(1, near.size());
      assertEquals(pdqEntry.entryId(), near.get(0).listing().entryId());
      assertEquals(1, match(l, md5, 0).size());
      assertTrue(match(l, gone, 0).isEmpty());
      assertEquals(1, match(l, Signal.parse("md5", "ffeeddccbbaa99887766554433221100"), 0).size());

      EntryRecord retracted = l.find(goneEntry.entryId()).orElseThrow();
      assertEquals(EntryRecord.Status.RETRACTED, retracted.status());
      EntryRecord withOpinion = l.find(foreign.id()).orElseThrow();
      assertEquals(1, withOpinion.opinions().size());
      assertEquals(opinion.entryId(), withOpinion.opinions().get(0).entryId());

      assertEquals(5, l.entriesByMember().get("acme"));
      assertEquals(1, l.entriesByMember().get("beta"));
      Appended next = l.submit(submit(Signal.parse("md5", "0".repeat(32))));
      assertEquals(6, next.seq());
      assertFalse(l.catalog().contains(goneEntry.entryId()));
    }
  }

  @Test
  void secondNodeOnSameData_failsToStartNamingTheStore() {
    try (Node node = start()) {
      StoreException e = assertThrows(StoreException.class, this::start);
      assertTrue(e.getMessage().contains(dir.resolve("store").toString()), e.getMessage());
    }
  }
}
