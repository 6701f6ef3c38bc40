package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict parsing of a C2SP tlog-witness add-checkpoint body: each malformation is refused by name. */
class AddCheckpointRequestTest {

  private static final String NOTE = SignedCheckpoint.sign(
      Checkpoint.create(CheckpointTest.ORIGIN, 2, Hash32.sha256(new byte[] {1})),
      Ed25519NoteSigner.fromSeed(CheckpointTest.ORIGIN, CheckpointTest.LOG_SEED)).encode();
  private static final String HASH = Hash32.sha256(new byte[] {2}).toBase64();

  private static String refusal(String body) {
    return assertThrows(LogFormatException.class,
        () -> AddCheckpointRequest.parse(body.getBytes(StandardCharsets.UTF_8))).getMessage();
  }

  @Test
  void parse_ofAWellFormedBody_roundTrips() throws Exception {
    String body = "old 1\n" + HASH + "\n\n" + NOTE;
    AddCheckpointRequest r = AddCheckpointRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, r.oldSize());
    assertEquals(List.of(Hash32.fromBase64(HASH)), r.proof());
    assertEquals(body, new String(r.encode(), StandardCharsets.UTF_8));
    assertEquals(0, AddCheckpointRequest.parse(("old 0\n\n" + NOTE).getBytes(StandardCharsets.UTF_8)).oldSize());
  }

  @Test
  void parse_ofMalformedBodies_throwsNamingTheProblem() {
    assertTrue(refusal("old 01\n\n" + NOTE).contains("malformed old size \"01\""));
    assertTrue(refusal("old -1\n\n" + NOTE).contains("malformed old size \"-1\""));
    assertTrue(refusal("old \n\n" + NOTE).contains("malformed old size"));
    assertTrue(refusal("old 9223372036854775808\n\n" + NOTE).contains("exceeds 2^63-1"));
    assertTrue(refusal("new 1\n\n" + NOTE).contains("(expected: old <size>)"));
    assertTrue(refusal("old 1\n" + NOTE).contains("consistency proof line 1"), "no empty line after the proof");
    assertTrue(refusal("old 1\n" + HASH.replace("=", "") + "\n\n" + NOTE).contains("consistency proof line 1"));
    assertTrue(refusal("old 1\n" + HASH + "\n\n" + NOTE.replace("\n\n", "\n")).contains("malformed note"));
    assertTrue(refusal("old 1\n" + HASH + "\n").contains("no empty line"));
    String tooLong = "old 1\n" + String.join("", Collections.nCopies(64, HASH + "\n")) + "\n" + NOTE;
    assertTrue(refusal(tooLong).contains("64 consistency proof lines (expected: at most 63)"));
    String huge = "old 1\n\n" + "x".repeat(AddCheckpointRequest.MAX_BYTES);
    assertTrue(refusal(huge).contains("(expected: at most 65536)"));
  }

  @Test
  void create_withAProofOfMoreThan63Hashes_throws() throws Exception {
    SignedNote note = SignedNote.parse(NOTE);
    List<Hash32> proof = Collections.nCopies(64, Hash32.fromBase64(HASH));
    assertThrows(IllegalArgumentException.class, () -> AddCheckpointRequest.create(1, proof, note));
    assertThrows(IllegalArgumentException.class, () -> AddCheckpointRequest.create(-1, List.of(), note));
  }
}
