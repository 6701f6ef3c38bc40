package org.hashfed.cli.consortium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.roster.MemberFile;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterFormatException;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;

/** Reading and writing the files of the consortium commands; every error names the file. */
final class RosterFiles {

  private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  private RosterFiles() {}

  static byte[] read(Path file, int maxBytes, String what) throws CommandFailure {
    try {
      if (Files.size(file) > maxBytes) {
        throw new CommandFailure(ExitCodes.USAGE, what + " " + file + " has " + Files.size(file)
            + " bytes: expected at most " + maxBytes);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.USAGE, what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, "cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }

  static Envelope readEnvelope(Path file) throws CommandFailure {
    byte[] bytes = read(file, Envelope.MAX_ENVELOPE_BYTES + 2, "roster file");
    try {
      Envelope e = Envelope.parse(bytes);
      if (!Roster.PAYLOAD_TYPE.equals(e.payloadType())) {
        throw new CommandFailure(ExitCodes.USAGE, "roster file " + file + " holds a " + e.payloadType()
            + " envelope: expected " + Roster.PAYLOAD_TYPE);
      }
      return e;
    } catch (EnvelopeFormatException e) {
      throw new CommandFailure(ExitCodes.USAGE, "roster file " + file + " is not a DSSE envelope: " + e.getMessage());
    }
  }

  /** The roster in a file, parsed without verification: for building on it or showing it. */
  static Roster unverifiedRoster(Path file, Envelope envelope) throws CommandFailure {
    try {
      return Roster.parse(envelope.payload());
    } catch (RosterFormatException e) {
      throw new CommandFailure(ExitCodes.USAGE, "roster file " + file + " has a malformed payload: " + e.getMessage());
    }
  }

  /** Verifies the chain of files from version 1. */
  static SignedRoster verifyChain(List<Path> files) throws CommandFailure, RosterVerificationException {
    List<Envelope> envelopes = new ArrayList<>();
    for (Path f : files) {
      envelopes.add(readEnvelope(f));
    }
    return RosterVerifier.verifyChain(envelopes, null);
  }

  static MemberFile readMemberFile(Path file) throws CommandFailure {
    try {
      return MemberFile.parse(read(file, MemberFile.MAX_BYTES, "member file"));
    } catch (RosterFormatException e) {
      throw new CommandFailure(ExitCodes.USAGE, "member file " + file + " is invalid: " + e.getMessage());
    }
  }

  static Ed25519PrivateKey readPrivateKey(Path file) throws CommandFailure {
    try {
      return KeyFiles.readPrivateKey(file);
    } catch (NoSuchFileException e) {
      throw new CommandFailure(ExitCodes.USAGE, "private key file " + file + " does not exist");
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** A public key from a public key file, or the public half of a private key file. */
  static Ed25519PublicKey readAnyKey(Path file) throws CommandFailure {
    byte[] head = read(file, 4096, "key file");
    if (new String(head, StandardCharsets.US_ASCII).startsWith("-----BEGIN HASHFED ED25519 PRIVATE KEY-----")) {
      return readPrivateKey(file).publicKey();
    }
    try {
      return KeyFiles.readPublicKey(file);
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  static byte[] readCertificate(Path file) throws CommandFailure {
    return read(file, MAX_CERTIFICATE_BYTES, "certificate file");
  }

  static Instant issued(String text) throws CommandFailure {
    if (text == null) {
      return EntryTime.truncate(Instant.now());
    }
    try {
      return EntryTime.parse(text, "--issued");
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /**
   * Writes the file atomically (temporary file in the same directory, then a rename); refuses to
   * replace an existing file unless asked to.
   */
  static void write(Path file, byte[] content, boolean replace) throws CommandFailure {
    Path target = file.toAbsolutePath();
    if (!replace && Files.exists(target)) {
      throw new CommandFailure(ExitCodes.USAGE, "output file " + file + " exists: choose another --out or remove it");
    }
    try {
      Path tmp = Files.createTempFile(target.getParent(), ".hashfed-roster", ".tmp");
      try {
        Files.write(tmp, content);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, "cannot write " + file + ": " + e.getMessage());
    }
  }

  static byte[] envelopeFile(Envelope envelope) {
    byte[] json = envelope.toJson();
    byte[] out = new byte[json.length + 1];
    System.arraycopy(json, 0, out, 0, json.length);
    out[json.length] = '\n';
    return out;
  }
}
