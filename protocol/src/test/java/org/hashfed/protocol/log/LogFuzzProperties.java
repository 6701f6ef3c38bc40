package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * Signed notes, checkpoints, cosignatures, C2SP add-checkpoint bodies and note keys, mutated from
 * real encodings and made of arbitrary bytes: the parsers throw only {@link LogFormatException}
 * (verification only {@link LogVerificationException}), within a bound, and whatever parses
 * re-encodes to the bytes it came from. The default tries suit CI; {@code -Pfuzz} runs many more.
 */
class LogFuzzProperties {

  private static final Ed25519NoteSigner LOG = Ed25519NoteSigner.fromSeed(CheckpointTest.ORIGIN, CheckpointTest.LOG_SEED);
  private static final CosignatureSigner WITNESS =
      CosignatureSigner.fromSeed("witness.example/w1", CheckpointTest.WITNESS_SEED);
  private static final MerkleTree TREE = tree();
  private static final Checkpoint OLD = Checkpoint.create(CheckpointTest.ORIGIN, 3, TREE.root(3));
  private static final byte[] NOTE = SignedCheckpoint.sign(
      Checkpoint.create(CheckpointTest.ORIGIN, 7, TREE.root(7), List.of("extension")), LOG)
      .withCosignature(WITNESS).note().encodeBytes();
  private static final byte[] REQUEST =
      AddCheckpointRequest.create(3, TREE.consistencyProof(3, 7), parsed(NOTE)).encode();

  private static MerkleTree tree() {
    MerkleTree t = MerkleTree.inMemory();
    for (int i = 0; i < 7; i++) {
      t.append(new byte[] {(byte) i});
    }
    return t;
  }

  private static SignedNote parsed(byte[] note) {
    try {
      return SignedNote.parse(note);
    } catch (LogFormatException e) {
      throw new AssertionError(e);
    }
  }

  /** Parses a note and, when it parses, everything the log and a witness then do with it. */
  private static void note(byte[] bytes) {
    Optional<SignedNote> note = Fuzz.parse(bytes, () -> SignedNote.parse(bytes), LogFormatException.class);
    if (note.isEmpty()) {
      return;
    }
    assertArrayEquals(bytes, note.get().encodeBytes());
    Optional<Checkpoint> checkpoint =
        Fuzz.parse(note.get().text(), () -> Checkpoint.parse(note.get().text()), LogFormatException.class);
    checkpoint.ifPresent(c -> assertEquals(note.get().text(), c.text()));
    Optional<SignedCheckpoint> opened = Fuzz.parse(bytes, () -> SignedCheckpoint.open(note.get(), LOG.verifier()),
        LogFormatException.class, LogVerificationException.class);
    opened.ifPresent(o -> Fuzz.parse(bytes, () -> o.verifiedCosignatures(List.of(WITNESS.verifier())),
        LogVerificationException.class));
  }

  @Property
  void signedNote_mutated_parsesAndReencodesOrThrowsLogFormatException(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    note(Fuzz.mutate(NOTE, seed, edits));
  }

  @Property
  void signedNote_ofArbitraryBytes_throwsOnlyLogFormatException(@ForAll @Size(max = 400) byte[] junk) {
    note(junk);
    Fuzz.parse(junk, () -> Checkpoint.parse(junk), LogFormatException.class);
  }

  @Property
  void addCheckpoint_mutated_parsesAndReencodesOrThrowsLogFormatException(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] body = Fuzz.mutate(REQUEST, seed, edits);
    Optional<AddCheckpointRequest> request =
        Fuzz.parse(body, () -> AddCheckpointRequest.parse(body), LogFormatException.class);
    if (request.isEmpty()) {
      return;
    }
    assertArrayEquals(body, request.get().encode());
    Witness witness = Witness.create(WITNESS);
    Fuzz.parse(body, () -> witness.cosign(request.get().checkpoint(), LOG.verifier(), OLD, request.get().proof()),
        LogFormatException.class, LogVerificationException.class);
  }

  @Property
  void addCheckpoint_ofArbitraryBytes_throwsOnlyLogFormatException(@ForAll @Size(max = 400) byte[] junk) {
    Fuzz.parse(junk, () -> AddCheckpointRequest.parse(junk), LogFormatException.class);
  }

  @Property
  void keys_mutated_parseOrThrowLogFormatException(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int edits) {
    String verifier = Fuzz.mutate(LOG.verifierKey(), seed, edits);
    Fuzz.parse(verifier, () -> Ed25519NoteVerifier.parse(verifier), LogFormatException.class);
    String cosigner = Fuzz.mutate(WITNESS.verifierKey(), seed, edits);
    Fuzz.parse(cosigner, () -> CosignatureVerifier.parse(cosigner), LogFormatException.class);
    String signer = "PRIVATE+KEY+" + Fuzz.mutate(LOG.verifierKey(), seed, edits);
    Fuzz.parse(signer, () -> Ed25519NoteSigner.parse(signer), LogFormatException.class);
    String hash = Fuzz.mutate(TREE.root(7).toBase64(), seed, edits);
    Fuzz.parse(hash, () -> Hash32.fromBase64(hash), IllegalArgumentException.class)
        .ifPresent(h -> assertEquals(hash, h.toBase64()));
  }

  @Property
  void checkpointText_ofArbitraryStrings_throwsOnlyLogFormatException(@ForAll @Size(max = 200) String text) {
    Fuzz.parse(text, () -> Checkpoint.parse(text), LogFormatException.class)
        .ifPresent(c -> assertEquals(text, c.text()));
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Fuzz.parse(text, () -> SignedNote.parse(utf8), LogFormatException.class);
  }
}
