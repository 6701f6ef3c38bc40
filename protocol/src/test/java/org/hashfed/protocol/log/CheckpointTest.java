package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoint text, log signatures, witness cosignatures. */
class CheckpointTest {

  static final String ORIGIN = "hashfed.example/hashfed/log/acme";
  static final Hash32 ROOT = Hash32.fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  static final byte[] LOG_SEED = seed(1);
  static final byte[] WITNESS_SEED = seed(2);

  static byte[] seed(int b) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) b);
    return seed;
  }

  @Test
  void text_ofTheC2spExample_isByteForByte() throws Exception {
    String text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    Checkpoint checkpoint = Checkpoint.parse(text);
    assertEquals("example.com/behind-the-sofa", checkpoint.origin());
    assertEquals(20852163L, checkpoint.size());
    assertEquals(ROOT, checkpoint.root());
    assertEquals(text, checkpoint.text());
    assertEquals(checkpoint, Checkpoint.create("example.com/behind-the-sofa", 20852163L, ROOT));
  }

  @Test
  void parse_withExtensionLines_keepsThem() throws Exception {
    String text = ORIGIN + "\n0\n" + Rfc6962.EMPTY_ROOT.toBase64() + "\nextension one\nextension two\n";
    Checkpoint checkpoint = Checkpoint.parse(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("extension one", "extension two"), checkpoint.extensions());
    assertEquals(text, checkpoint.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
      "o\n1\n",
      "\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n1 \nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n18446744073709551616\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n9223372036854775808\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
      "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
      "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AAAA\n",
      "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n",
      "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next\u0007\n",
  })
  void parse_withMalformedText_throws(String text) {
    assertThrows(LogFormatException.class, () -> Checkpoint.parse(text));
  }

  @Test
  void parse_withHugeSize_namesTheLimit() {
    LogFormatException e = assertThrows(LogFormatException.class,
        () -> Checkpoint.parse("o\n18446744073709551615\n" + ROOT.toBase64() + "\n"));
    assertTrue(e.getMessage().contains("2^63-1"), e.getMessage());
  }

  @Test
  void hashfedOrigin_followsTheConvention() {
    assertEquals(ORIGIN, Checkpoint.hashfedOrigin("hashfed.example", "acme"));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.hashfedOrigin("hashfed.example", "a b"));
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.hashfedOrigin("hashfed.example", "a+b"));
  }

  @Test
  void signedCheckpoint_roundTripsAndVerifies() throws Exception {
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed(ORIGIN, LOG_SEED);
    Checkpoint checkpoint = Checkpoint.create(ORIGIN, 42, ROOT);
    String served = SignedCheckpoint.sign(checkpoint, log).encode();
    assertTrue(served.startsWith(checkpoint.text() + "\n\u2014 " + ORIGIN + " "), served);
    SignedCheckpoint opened = SignedCheckpoint.open(served, Ed25519NoteVerifier.parse(log.verifierKey()));
    assertEquals(checkpoint, opened.checkpoint());
  }

  @Test
  void open_withTamperedSizeOrRoot_throws() throws Exception {
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed(ORIGIN, LOG_SEED);
    String served = SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 42, ROOT), log).encode();
    String biggerSize = served.replace("\n42\n", "\n43\n");
    assertThrows(LogVerificationException.class, () -> SignedCheckpoint.open(biggerSize, log.verifier()));
    String otherRoot = served.replace(ROOT.toBase64(), ROOT.withBitFlipped(9).toBase64());
    assertThrows(LogVerificationException.class, () -> SignedCheckpoint.open(otherRoot, log.verifier()));
  }

  @Test
  void open_byAnotherKey_throws() throws Exception {
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed(ORIGIN, LOG_SEED);
    Ed25519NoteSigner impostor = Ed25519NoteSigner.fromSeed(ORIGIN, seed(9));
    String served = SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 42, ROOT), impostor).encode();
    assertThrows(LogVerificationException.class, () -> SignedCheckpoint.open(served, log.verifier()));
  }

  @Test
  void sign_withKeyNameOtherThanOrigin_throws() {
    Ed25519NoteSigner other = Ed25519NoteSigner.fromSeed("hashfed.example/hashfed/log/other", LOG_SEED);
    assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 1, ROOT), other));
  }

  @Test
  void cosignature_isTheC2spTimestampedSignatureOverTheV1Message() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1679315147L), ZoneOffset.UTC);
    CosignatureSigner witness = CosignatureSigner.create("witness.example/w1", Ed25519RawSigner.fromSeed(WITNESS_SEED), clock);
    Checkpoint checkpoint = Checkpoint.create(ORIGIN, 42, ROOT);
    byte[] cosignature = witness.sign(checkpoint.textBytes());
    assertEquals(72, cosignature.length);
    assertEquals(1679315147L, ByteBuffer.wrap(cosignature).getLong());
    // Recompute the signed message from the specification's words, independently of Cosignatures.
    byte[] message = ("cosignature/v1\ntime 1679315147\n" + checkpoint.text()).getBytes(StandardCharsets.UTF_8);
    Ed25519Signer ed = new Ed25519Signer();
    ed.init(false, new Ed25519PublicKeyParameters(Ed25519RawSigner.fromSeed(WITNESS_SEED).publicKey(), 0));
    ed.update(message, 0, message.length);
    assertTrue(ed.verifySignature(Arrays.copyOfRange(cosignature, 8, 72)));
    // Key ID: SHA-256(name || 0x0A || 0x04 || public key)[:4].
    byte[] pub = Ed25519RawSigner.fromSeed(WITNESS_SEED).publicKey();
    Hash32 idHash = Hash32.sha256("witness.example/w1\n".getBytes(StandardCharsets.UTF_8), new byte[] {0x04}, pub);
    assertEquals(ByteBuffer.wrap(idHash.bytes()).getInt(), witness.keyId());
    assertEquals(witness.verifierKey(), CosignatureVerifier.parse(witness.verifierKey()).verifierKey());
  }

  @Test
  void cosignature_isVerifiedOnlyByItsWitnessAndDetectsTampering() throws Exception {
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed(ORIGIN, LOG_SEED);
    CosignatureSigner witness = CosignatureSigner.fromSeed("witness.example/w1", WITNESS_SEED);
    SignedCheckpoint cosigned = SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 42, ROOT), log).withCosignature(witness);
    SignedCheckpoint reopened = SignedCheckpoint.open(cosigned.encode(), log.verifier());
    assertEquals(1, reopened.verifiedCosignatures(List.of(witness.verifier())).size());
    // A plain Ed25519 verifier of the same key has another key ID (type 0x01), so it ignores the cosignature.
    assertEquals(0, reopened.note().verifiedSignatures(
        List.of(Ed25519NoteVerifier.create("witness.example/w1", Ed25519RawSigner.fromSeed(WITNESS_SEED).publicKey())))
        .size());
    NoteSignature cosignature = reopened.note().signatures().get(1);
    byte[] bumpedTime = cosignature.signature();
    bumpedTime[7]++;
    SignedNote forged = SignedNote.parse(reopened.note().text() + "\n" + reopened.note().signatures().get(0).line()
        + NoteSignature.of(cosignature.name(), cosignature.keyId(), bumpedTime).line());
    assertThrows(LogVerificationException.class, () -> forged.verifiedSignatures(List.of(witness.verifier())));
  }

  @Test
  void cosignerKey_withPlainEd25519Type_isRejected() {
    Ed25519NoteSigner plain = Ed25519NoteSigner.fromSeed("witness.example/w1", WITNESS_SEED);
    assertThrows(LogFormatException.class, () -> CosignatureVerifier.parse(plain.verifierKey()));
  }
}
