package org.hashfed.protocol.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: text ending in a newline, a blank line, then signature lines
 * {@code — <key name> <base64(key ID || signature)>}. The text means nothing until
 * {@link #verify} has checked a signature by a trusted key.
 */
public final class SignedNote {

  /** More signatures than this make a note malformed (C2SP requires accepting at least 16). */
  public static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<NoteSignature> signatures;

  private SignedNote(String text, List<NoteSignature> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Signs {@code text} with each signer.
   *
   * @throws IllegalArgumentException when the text is empty, lacks its final newline or holds control characters
   */
  public static SignedNote sign(String text, NoteSigner... signers) {
    checkText(text);
    if (signers.length == 0) {
      throw new IllegalArgumentException("a signed note needs at least one signer");
    }
    SignedNote note = new SignedNote(text, List.of());
    for (NoteSigner signer : signers) {
      note = note.withSignature(signer);
    }
    return note;
  }

  /**
   * This note with a signature by {@code signer} added, replacing one by the same name and key ID.
   */
  public SignedNote withSignature(NoteSigner signer) {
    byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
    NoteSignature added = NoteSignature.of(signer.name(), signer.keyId(), signer.sign(textBytes));
    List<NoteSignature> next = new ArrayList<>();
    for (NoteSignature existing : signatures) {
      if (!(existing.name().equals(added.name()) && existing.keyId() == added.keyId())) {
        next.add(existing);
      }
    }
    next.add(added);
    if (next.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("a note may carry at most " + MAX_SIGNATURES + " signatures");
    }
    return new SignedNote(text, next);
  }

  /**
   * Parses a signed note strictly, without verifying any signature.
   *
   * @throws LogFormatException saying what is malformed
   */
  public static SignedNote parse(String message) throws LogFormatException {
    Objects.requireNonNull(message, "message");
    int bad = NoteText.firstForbidden(message);
    if (bad >= 0) {
      throw new LogFormatException(
          "malformed note: forbidden character " + NoteText.describe(message.charAt(bad)) + " at offset " + bad);
    }
    if (!message.endsWith("\n")) {
      throw new LogFormatException("malformed note: it must end with a newline");
    }
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw new LogFormatException("malformed note: no blank line between the text and the signatures");
    }
    String text = message.substring(0, split + 1);
    String block = message.substring(split + 2);
    if (block.isEmpty()) {
      throw new LogFormatException("malformed note: no signature lines after the blank line");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new LogFormatException(
          "malformed note: " + lines.length + " signatures (expected: at most " + MAX_SIGNATURES + ")");
    }
    List<NoteSignature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(NoteSignature.parseLine(line));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Parses a UTF-8 signed note strictly.
   *
   * @throws LogFormatException when the bytes are not UTF-8 or not a signed note
   */
  public static SignedNote parse(byte[] utf8) throws LogFormatException {
    return parse(NoteText.decodeUtf8(utf8, "note"));
  }

  private static void checkText(String text) {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("invalid note text: expected non-empty text ending in a newline");
    }
    int bad = NoteText.firstForbidden(text);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "invalid note text: forbidden character " + NoteText.describe(text.charAt(bad)) + " at offset " + bad);
    }
  }

  /**
   * Verifies the signatures by known keys and returns them (without duplicates). Signatures by
   * unknown keys are ignored, as C2SP signed-note requires.
   *
   * @throws LogVerificationException when a signature by a known key fails, a signature matches
   *     more than one verifier, or no signature is by a known key
   */
  public List<NoteSignature> verify(Collection<? extends NoteVerifier> verifiers) throws LogVerificationException {
    List<NoteSignature> verified = verifiedSignatures(verifiers);
    if (verified.isEmpty()) {
      throw new LogVerificationException("note has no verifiable signatures (signed by "
          + signatures.stream().map(s -> s.name() + "+" + NoteKeys.hex(s.keyId())).toList()
          + ", expected one of " + verifiers.stream().map(v -> v.name() + "+" + NoteKeys.hex(v.keyId())).toList() + ")");
    }
    return verified;
  }

  /** {@link #verify(Collection)} with the given verifiers. */
  public List<NoteSignature> verify(NoteVerifier... verifiers) throws LogVerificationException {
    return verify(List.of(verifiers));
  }

  /**
   * Verifies the signatures by known keys and returns them, possibly none: for counting witness
   * cosignatures on a note already verified by its log.
   *
   * @throws LogVerificationException when a signature by a known key fails or is ambiguous
   */
  public List<NoteSignature> verifiedSignatures(Collection<? extends NoteVerifier> verifiers)
      throws LogVerificationException {
    byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
    LinkedHashSet<NoteSignature> verified = new LinkedHashSet<>();
    for (NoteSignature signature : signatures) {
      NoteVerifier match = null;
      for (NoteVerifier verifier : verifiers) {
        if (signature.isBy(verifier)) {
          if (match != null) {
            throw new LogVerificationException(
                "ambiguous key " + signature.name() + "+" + NoteKeys.hex(signature.keyId()) + ": two verifiers match");
          }
          match = verifier;
        }
      }
      if (match != null) {
        match.verify(textBytes, signature.signature());
        verified.add(signature);
      }
    }
    return List.copyOf(verified);
  }

  /** The note text, final newline included; trust it only after {@link #verify}. */
  public String text() {
    return text;
  }

  /** The signatures in note order. */
  public List<NoteSignature> signatures() {
    return signatures;
  }

  /** The note as text: body, blank line, signature lines. */
  public String encode() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    for (NoteSignature signature : signatures) {
      sb.append(signature.line());
    }
    return sb.toString();
  }

  /** The note as UTF-8 bytes. */
  public byte[] encodeBytes() {
    return encode().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedNote other && text.equals(other.text) && signatures.equals(other.signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, signatures);
  }

  @Override
  public String toString() {
    return encode();
  }
}
