package org.hashfed.cli.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.LogFormatException;
import picocli.CommandLine.Option;

/** Options shared by the audit commands: where the log is, and what the auditor trusts. */
final class AuditOptions {

  @Option(names = "--audit-key-file", paramLabel = "FILE",
      defaultValue = "${env:HASHFED_AUDIT_KEY_FILE:-hashfed-data/admin.key}",
      description = "file holding an API key with role audit or admin (default: ${DEFAULT-VALUE})")
  Path auditKeyFile;

  @Option(names = "--roster", paramLabel = "FILE",
      description = "a roster version file, repeated for each version from 1 on, to use instead of the roster history the node serves")
  List<Path> rosterFiles = new ArrayList<>();

  @Option(names = "--founder", paramLabel = "KEYFILE",
      description = "a founder's public key file, repeated for each founder, pinned; without them version 1 is trusted on first use")
  List<Path> founderFiles = new ArrayList<>();

  @Option(names = "--witness", paramLabel = "KEY",
      description = "a witness verifier key <name>+<key id>+<base64> whose cosignature to check; repeatable")
  List<String> witnessKeys = new ArrayList<>();

  @Option(names = "--json", description = "print a JSON report for tools instead of text")
  boolean json;

  /** Usage problems (files, keys) as messages; IOException for unreadable files. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  HttpLogSource node(String url) throws UsageException {
    try {
      String key = Files.readString(auditKeyFile, StandardCharsets.UTF_8).strip();
      return new HttpLogSource(url, key);
    } catch (IOException e) {
      throw new UsageException("cannot read --audit-key-file " + auditKeyFile + ": " + e.getMessage());
    }
  }

  List<Ed25519PublicKey> founders() throws UsageException {
    List<Ed25519PublicKey> out = new ArrayList<>();
    for (Path f : founderFiles) {
      try {
        out.add(KeyFiles.readPublicKey(f));
      } catch (IOException e) {
        throw new UsageException("cannot read --founder key file " + f + ": " + e.getMessage());
      }
    }
    return out;
  }

  List<CosignatureVerifier> witnesses() throws UsageException {
    List<CosignatureVerifier> out = new ArrayList<>();
    for (String k : witnessKeys) {
      try {
        out.add(CosignatureVerifier.parse(k));
      } catch (LogFormatException e) {
        throw new UsageException("invalid --witness: " + e.getMessage());
      }
    }
    return out;
  }

  /** {@code source}, with the roster from {@code --roster} files when given. */
  LogSource withRoster(LogSource source) throws UsageException {
    if (rosterFiles.isEmpty()) {
      return source;
    }
    List<Envelope> roster = new ArrayList<>();
    for (Path f : rosterFiles) {
      try {
        roster.add(Envelope.parse(Files.readString(f, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException | EnvelopeFormatException e) {
        throw new UsageException("cannot read --roster file " + f + ": " + e.getMessage());
      }
    }
    return new LogSource() {
      @Override
      public String checkpoint() throws IOException {
        return source.checkpoint();
      }

      @Override
      public List<byte[]> leaves(long start, long end) throws IOException {
        return source.leaves(start, end);
      }

      @Override
      public List<Envelope> rosterHistory() {
        return roster;
      }
    };
  }
}
