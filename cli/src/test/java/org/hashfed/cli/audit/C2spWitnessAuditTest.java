package org.hashfed.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.WitnessTarget;
import org.hashfed.node.log.WitnessOutcome;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Ed25519NoteVerifier;
import org.hashfed.protocol.log.NoteSignature;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --witness} with the key of a C2SP witness that is no consortium member: a
 * minimal add-checkpoint server built from the protocol module alone cosigns the node's
 * checkpoint, the node serves the cosignature, and the auditor counts it.
 */
class C2spWitnessAuditTest {

  @TempDir Path dir;

  @Test
  void verify_withAnExternalC2spWitnessKey_listsTheWitnessAmongTheCosigners() throws Exception {
    CosignatureSigner external = CosignatureSigner.fromSeed("witness.example/w1", AuditNodes.filled(9));
    // The witness knows the log by its verifier key, as a C2SP witness is configured.
    AtomicReference<Ed25519NoteVerifier> logKey = new AtomicReference<>();
    AtomicReference<Checkpoint> witnessed = new AtomicReference<>();
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer witness = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        try {
          AddCheckpointRequest r = AddCheckpointRequest.parse(body.getBytes());
          long size = witnessed.get() == null ? 0 : witnessed.get().size();
          if (r.oldSize() != size) {
            req.response().setStatusCode(409).putHeader("Content-Type", "text/x.tlog.size").end(size + "\n");
            return;
          }
          SignedCheckpoint cosigned = Witness.create(external).cosign(r.checkpoint(), logKey.get(), witnessed.get(),
              r.proof());
          witnessed.set(cosigned.checkpoint());
          List<NoteSignature> lines = cosigned.note().signatures();
          req.response().end(lines.get(lines.size() - 1).line());
        } catch (Exception e) {
          req.response().setStatusCode(422).end(e.getMessage());
        }
      })).listen(0, "127.0.0.1").await();
      Path data = dir.resolve("acme");
      String url = "http://127.0.0.1:" + witness.actualPort() + "/w1";
      try (Node node = AuditNodes.start(data, b -> b.witnesses(List.of(WitnessTarget.atUrl(url, external.verifierKey()))))) {
        logKey.set(Ed25519NoteVerifier.parse(node.log().orElseThrow().checkpoints().logKey()));
        AuditNodes.submit(node, AuditNodes.md5(1));
        node.log().orElseThrow().checkpoints().signLatest();
        List<WitnessOutcome> outcomes = node.log().orElseThrow().submitToWitnessesNow().await(60, TimeUnit.SECONDS);
        assertEquals(WitnessOutcome.Status.COSIGNED, outcomes.get(0).status(), outcomes.toString());

        CliRun run = CliRun.of("audit", "verify", "--node", "http://127.0.0.1:" + node.port(),
            "--audit-key-file", data.resolve("admin.key").toString(),
            "--roster", AuditNodes.rosterFile(dir.resolve("roster-v1.json")).toString(),
            "--witness", external.verifierKey());
        assertEquals(ExitCodes.OK, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("cosigned   by [witness.example/w1]"), run.out());
      }
    } finally {
      vertx.close().await();
    }
  }
}
