package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed notes against the vectors of Go's golang.org/x/mod/sumdb/note (note_test.go). */
class SignedNoteTest {

  static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  static final String PETER_SIG =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  @Test
  void sign_withGoSignerKey_reproducesGoSignedNote() throws Exception {
    Ed25519NoteSigner signer = Ed25519NoteSigner.parse(PETER_SKEY);
    assertEquals("PeterNeumann", signer.name());
    assertEquals(0xc74f20a3, signer.keyId());
    assertEquals(PETER_VKEY, signer.verifierKey());
    assertEquals(TEXT + "\n" + PETER_SIG, SignedNote.sign(TEXT, signer).encode());
  }

  @Test
  void verifierKey_roundTripsAndComputesTheKeyId() throws Exception {
    Ed25519NoteVerifier verifier = Ed25519NoteVerifier.parse(PETER_VKEY);
    assertEquals(0xc74f20a3, verifier.keyId());
    assertEquals(PETER_VKEY, verifier.verifierKey());
    assertEquals(PETER_VKEY, Ed25519NoteVerifier.create("PeterNeumann", verifier.publicKey()).verifierKey());
  }

  @Test
  void verifierKey_withAnyManglingOrTruncation_isRejected() {
    byte[] b = PETER_VKEY.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i <= b.length; i++) {
      for (int j = i + 1; j <= b.length; j++) {
        if (i != 0 || j != b.length) {
          String sub = new String(b, i, j - i, StandardCharsets.US_ASCII);
          assertThrows(LogFormatException.class, () -> Ed25519NoteVerifier.parse(sub), sub);
        }
      }
    }
    for (int i = 0; i < b.length; i++) {
      byte[] mangled = b.clone();
      mangled[i]++;
      String key = new String(mangled, StandardCharsets.US_ASCII);
      assertThrows(LogFormatException.class, () -> Ed25519NoteVerifier.parse(key), key);
    }
    // Wrong key length and unknown algorithm, each with a key ID adjusted to match (from note_test.go).
    assertThrows(LogFormatException.class, () -> Ed25519NoteVerifier.parse(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="));
    assertThrows(LogFormatException.class, () -> Ed25519NoteVerifier.parse(
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
  }

  @Test
  void signerKey_withAnyMangling_isRejectedWithoutQuotingTheKey() {
    byte[] b = PETER_SKEY.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < b.length; i++) {
      byte[] mangled = b.clone();
      mangled[i]++;
      String key = new String(mangled, StandardCharsets.US_ASCII);
      LogFormatException e = assertThrows(LogFormatException.class, () -> Ed25519NoteSigner.parse(key), key);
      assertTrue(!e.getMessage().contains("AYEKFALV"), e.getMessage());
    }
    assertThrows(LogFormatException.class, () -> Ed25519NoteSigner.parse(PETER_SKEY.substring(1)));
  }

  @Test
  void verify_withOneKnownKey_verifiesItAndIgnoresTheUnknown() throws Exception {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    assertEquals(TEXT, note.text());
    assertEquals(2, note.signatures().size());
    List<NoteSignature> verified = note.verify(Ed25519NoteVerifier.parse(PETER_VKEY));
    assertEquals(List.of(note.signatures().get(0)), verified);
    assertEquals(0xc74f20a3, verified.get(0).keyId());
  }

  @Test
  void verify_withBothKeys_verifiesBoth() throws Exception {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    assertEquals(2, note.verify(Ed25519NoteVerifier.parse(PETER_VKEY), Ed25519NoteVerifier.parse(ENOCH_VKEY)).size());
  }

  @Test
  void verify_withNoKnownKey_throws() throws Exception {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    LogVerificationException e = assertThrows(LogVerificationException.class, () -> note.verify(List.of()));
    assertTrue(e.getMessage().contains("no verifiable signatures"), e.getMessage());
  }

  @Test
  void verify_withDuplicatedVerifierForAUsedKey_throwsAmbiguous() throws Exception {
    Ed25519NoteVerifier enoch = Ed25519NoteVerifier.parse(ENOCH_VKEY);
    Ed25519NoteVerifier peter = Ed25519NoteVerifier.parse(PETER_VKEY);
    SignedNote enochNote = SignedNote.parse(TEXT + "\n" + ENOCH_SIG);
    LogVerificationException e =
        assertThrows(LogVerificationException.class, () -> enochNote.verify(enoch, peter, enoch));
    assertTrue(e.getMessage().contains("ambiguous key EnochRoot+af0cfe78"), e.getMessage());
    SignedNote.parse(TEXT + "\n" + PETER_SIG).verify(enoch, peter, enoch);
  }

  @Test
  void verify_withCorruptedSignatureByKnownKey_throws() throws Exception {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60));
    LogVerificationException e = assertThrows(LogVerificationException.class,
        () -> note.verify(Ed25519NoteVerifier.parse(PETER_VKEY)));
    assertEquals("invalid signature for key PeterNeumann+c74f20a3", e.getMessage());
  }

  @Test
  void verify_withDuplicatedAndCorruptUnknownSignatures_keepsOneVerified() throws Exception {
    String corruptEnoch = ENOCH_SIG.substring(0, 60) + "ABCD" + ENOCH_SIG.substring(60);
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + corruptEnoch);
    assertEquals(1, note.verify(Ed25519NoteVerifier.parse(PETER_VKEY)).size());
  }

  @Test
  void verify_withTamperedText_throws() throws Exception {
    SignedNote note = SignedNote.parse(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG);
    assertThrows(LogVerificationException.class, () -> note.verify(Ed25519NoteVerifier.parse(PETER_VKEY)));
  }

  @Test
  void parse_withTooManySignatures_throws() {
    assertThrows(LogFormatException.class, () -> SignedNote.parse(TEXT + "\n" + PETER_SIG.repeat(101)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "\n", "no-sig\n", "\u0001", "\u00ff", "bad-name", "no-final-newline", "unexpected-line", "bad-base64", "short-sig"})
  void parse_withMalformedNote_throws(String kind) {
    String message = switch (kind) {
      case "" -> TEXT;
      case "\n" -> TEXT + "\n";
      case "no-sig\n" -> "\n\n";
      case "\u0001" -> "\u0001" + TEXT + "\n" + PETER_SIG;
      case "\u00ff" -> "\uD800" + TEXT + "\n" + PETER_SIG;
      case "bad-name" -> TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
      case "no-final-newline" -> TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1);
      case "unexpected-line" -> TEXT + "\n" + PETER_SIG + "Unexpected line.\n";
      case "bad-base64" -> TEXT + "\n" + "\u2014 PeterNeumann x08go/ZJkuBS9UG!!\n";
      default -> TEXT + "\n" + "\u2014 PeterNeumann AAAA\n";
    };
    assertThrows(LogFormatException.class, () -> SignedNote.parse(message));
  }

  @Test
  void parse_withInvalidUtf8Bytes_throws() {
    byte[] bytes = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
    byte[] withFf = new byte[bytes.length + 1];
    withFf[0] = (byte) 0xff;
    System.arraycopy(bytes, 0, withFf, 1, bytes.length);
    assertThrows(LogFormatException.class, () -> SignedNote.parse(withFf));
  }

  @Test
  void encode_roundTripsThroughParse() throws Exception {
    String message = TEXT + "\n" + PETER_SIG + ENOCH_SIG;
    assertEquals(message, SignedNote.parse(message).encode());
    assertEquals(message, SignedNote.parse(message.getBytes(StandardCharsets.UTF_8)).encode());
  }

  @Test
  void withSignature_replacesAnEarlierSignatureBySameKey() throws Exception {
    Ed25519NoteSigner peter = Ed25519NoteSigner.parse(PETER_SKEY);
    SignedNote note = SignedNote.parse(TEXT + "\n" + ENOCH_SIG + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60));
    assertEquals(TEXT + "\n" + ENOCH_SIG + PETER_SIG, note.withSignature(peter).encode());
  }

  @Test
  void sign_withTextNotEndingInNewline_throws() throws Exception {
    Ed25519NoteSigner peter = Ed25519NoteSigner.parse(PETER_SKEY);
    assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("abc", peter));
    assertThrows(IllegalArgumentException.class, () -> Ed25519NoteSigner.fromSeed("a+b", new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> Ed25519NoteSigner.fromSeed("a b", new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> Ed25519NoteSigner.fromSeed("ab", new byte[31]));
  }
}
