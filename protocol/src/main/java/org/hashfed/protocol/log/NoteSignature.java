package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** One signature line of a signed note: key name, key ID and the signature bytes after the ID. */
public final class NoteSignature {

  /** The em dash (U+2014) and space that start every signature line. */
  static final String LINE_PREFIX = "\u2014 ";

  private final String name;
  private final int keyId;
  private final byte[] signature;

  private NoteSignature(String name, int keyId, byte[] signature) {
    this.name = name;
    this.keyId = keyId;
    this.signature = signature;
  }

  /**
   * The signature by key {@code name}/{@code keyId} with the given bytes (copied).
   *
   * @throws IllegalArgumentException when the name is invalid or the signature empty
   */
  public static NoteSignature of(String name, int keyId, byte[] signature) {
    NoteKeys.checkName(name);
    if (signature == null || signature.length == 0) {
      throw new IllegalArgumentException("empty note signature for key " + name + " (expected: at least one byte)");
    }
    return new NoteSignature(name, keyId, signature.clone());
  }

  /** Parses one line without its newline: {@code — <name> <base64(key ID || signature)>}. */
  static NoteSignature parseLine(String line) throws LogFormatException {
    if (!line.startsWith(LINE_PREFIX)) {
      throw new LogFormatException("malformed note signature line \"" + StrictBase64.abbreviate(line)
          + "\": expected it to start with an em dash (U+2014) and a space");
    }
    String rest = line.substring(LINE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new LogFormatException("malformed note signature line \"" + StrictBase64.abbreviate(line)
          + "\": expected \u2014 <key name> <base64 signature>");
    }
    String name = rest.substring(0, space);
    if (!NoteText.isValidKeyName(name)) {
      throw new LogFormatException("malformed note signature line \"" + StrictBase64.abbreviate(line)
          + "\": invalid key name \"" + name + "\"");
    }
    byte[] decoded;
    try {
      decoded = StrictBase64.decode(rest.substring(space + 1), "note signature");
    } catch (IllegalArgumentException e) {
      throw new LogFormatException("malformed note signature line for key " + name + ": " + e.getMessage(), e);
    }
    if (decoded.length < 5) {
      throw new LogFormatException("malformed note signature line for key " + name + ": " + decoded.length
          + " bytes (expected: a 4-byte key ID and a signature)");
    }
    int keyId = ByteBuffer.wrap(decoded).getInt();
    return new NoteSignature(name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  /** The key name. */
  public String name() {
    return name;
  }

  /** The 32-bit key ID. */
  public int keyId() {
    return keyId;
  }

  /** A copy of the signature bytes, without the key ID. */
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether this signature claims to be by {@code verifier}'s key (same name and key ID). */
  boolean isBy(NoteVerifier verifier) {
    return name.equals(verifier.name()) && keyId == verifier.keyId();
  }

  /** The signature line, newline included. */
  public String line() {
    byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return LINE_PREFIX + name + " " + StrictBase64.encode(bytes) + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature other
        && name.equals(other.name)
        && keyId == other.keyId
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
