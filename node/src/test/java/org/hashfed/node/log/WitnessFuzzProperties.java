package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hashfed.node.TestVertx;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.NoteVerifier;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;

/**
 * The node's C2SP witnessing on a real store, both ways, with mutated traffic: as a witness it
 * answers every {@code add-checkpoint} body that parses with one of the spec's status codes and
 * never throws; as a log it takes any answer of a witness (mutated cosignature lines, mutated
 * sizes, any status and content type) as a failure or a verified cosignature, never throws, and
 * keeps serving a checkpoint whose cosignatures verify. The protocol module fuzzes the parsers
 * themselves ({@code LogFuzzProperties}).
 */
class WitnessFuzzProperties {

  private static final String ORIGIN = "hashfed.example/hashfed/log/acme";
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final Ed25519NoteSigner LOG_KEY = Ed25519NoteSigner.fromSeed(ORIGIN, new byte[32]);
  private static final CosignatureSigner WITNESS_KEY = CosignatureSigner.create("witness.example/w1",
      Ed25519RawSigner.fromSeed("an external c2sp witness seed...".getBytes(StandardCharsets.US_ASCII)),
      Clock.fixed(NOW, ZoneOffset.UTC));
  private static final Set<Integer> C2SP_STATUSES = Set.of(200, 400, 403, 404, 409, 422);

  private static Path dir;
  private static Store store;
  private static ProvenanceLog log;
  private static CheckpointSigner checkpoints;
  private static WitnessService witness;
  private static Vertx vertx;
  private static WorkerExecutor worker;

  @BeforeContainer
  static void open() throws IOException {
    vertx = TestVertx.create();
    worker = vertx.createSharedWorkerExecutor("witness-fuzz");
    dir = Files.createTempDirectory("witness-fuzz");
    store = Store.open(dir);
    log = ProvenanceLog.open(store);
    for (int i = 0; i < 5; i++) {
      log.appendDocument(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
    checkpoints = CheckpointSigner.open(log, store, LOG_KEY);
    checkpoints.signLatest();
    witness = WitnessService.create(store, WITNESS_KEY,
        o -> o.equals(ORIGIN) ? Optional.<NoteVerifier>of(LOG_KEY.verifier()) : Optional.empty(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterContainer
  static void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The same mutations as the protocol module's fuzzing, on a string. */
  private static String mutate(String valid, long seed, int edits) {
    String[] tokens = {"\n", " ", "+", "-", "0", "9223372036854775808", "\u2014", "=", "\ufffd", "\u0000"};
    Random random = new Random(seed);
    StringBuilder s = new StringBuilder(valid);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(s.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> {
          if (at < s.length()) {
            s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7))));
          }
        }
        case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
        case 2 -> s.insert(at, tokens[random.nextInt(tokens.length)]);
        default -> s.setLength(at);
      }
    }
    return s.toString();
  }

  @Property
  void addCheckpoint_ofMutatedRequests_answersAC2spStatus(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int edits) {
    SignedNote note = checkpoints.latest().orElseThrow().note();
    String valid = new String(AddCheckpointRequest.create(0, List.of(), note).encode(), StandardCharsets.UTF_8);
    byte[] body = mutate(valid, seed, edits).getBytes(StandardCharsets.UTF_8);
    AddCheckpointRequest request;
    try {
      request = AddCheckpointRequest.parse(body);
    } catch (LogFormatException e) {
      return;
    }
    AddCheckpointAnswer answer = assertTimeoutPreemptively(BOUND, () -> witness.addCheckpoint(request));
    assertTrue(C2SP_STATUSES.contains(answer.status()), answer.toString());
  }

  @Property
  void submissions_withMutatedWitnessAnswers_failOrKeepVerifiedCosignatures(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 6) int edits, @ForAll boolean conflict) {
    // a new checkpoint each try: one already cosigned is not submitted again
    log.appendDocument(("leaf " + log.size()).getBytes(StandardCharsets.UTF_8));
    SignedNote note = checkpoints.signLatest().note();
    SignedNote cosigned = note.withSignature(WITNESS_KEY);
    String line = cosigned.signatures().get(cosigned.signatures().size() - 1).line() + "\n";
    AddCheckpointAnswer answer = conflict
        ? new AddCheckpointAnswer(409, mutate(AddCheckpointAnswer.SIZE_CONTENT_TYPE, seed, edits / 2),
            mutate("3\n", seed, edits))
        : new AddCheckpointAnswer(200, "text/plain", mutate(line, seed, edits));
    WitnessEndpoint endpoint = new WitnessEndpoint() {
      @Override
      public String describe() {
        return "a mutating witness";
      }

      @Override
      public Future<AddCheckpointAnswer> addCheckpoint(byte[] body) {
        return Future.succeededFuture(answer);
      }

      @Override
      public void close() {}
    };
    WitnessSubmissions submissions = new WitnessSubmissions(vertx, worker, checkpoints, log,
        List.of(new WitnessSubmissions.Target(WITNESS_KEY.verifier(), endpoint)),
        new Metrics().counter("fuzz_total", "test", "outcome"), BOUND);
    List<WitnessOutcome> outcomes;
    try {
      outcomes = submissions.round().await(2 * BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException | TimeoutException e) {
      fail("a witness's answer " + answer + " threw or hung", e);
      return;
    }
    assertEquals(1, outcomes.size());
    SignedCheckpoint served = checkpoints.latest().orElseThrow();
    try {
      SignedCheckpoint.open(served.note(), LOG_KEY.verifier()).verifiedCosignatures(List.of(WITNESS_KEY.verifier()));
    } catch (Exception e) {
      fail("after " + answer + " the served checkpoint " + served + " does not verify", e);
    }
  }
}
