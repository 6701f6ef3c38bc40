package org.hashfed.cli.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.Connection;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeDefaults;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.LogFormatException;
import picocli.CommandLine.Option;

/** Options shared by the audit commands: the audit key, and what the auditor trusts; the node comes from {@link NodeOptions}. */
final class AuditOptions {

  /** Environment variable naming the key file; it wins over {@code HASHFED_API_KEY} for the audit commands. */
  static final String ENV_AUDIT_KEY_FILE = "HASHFED_AUDIT_KEY_FILE";

  @Option(names = "--audit-key-file", paramLabel = "FILE",
      description = "the same as --api-key-file: a key with role audit or admin (without either: $HASHFED_AUDIT_KEY_FILE, "
          + "$HASHFED_API_KEY, the profile, then hashfed-data/admin.key)")
  Path auditKeyFile;

  @Option(names = "--roster", paramLabel = "FILE",
      description = "a roster version file, repeated for each version from 1 on, to use instead of the roster history the node serves")
  List<Path> rosterFiles = new ArrayList<>();

  @Option(names = "--founder", paramLabel = "KEYFILE",
      description = "a founder's public key file, repeated for each founder, pinned; without them version 1 is trusted on first use")
  List<Path> founderFiles = new ArrayList<>();

  @Option(names = "--witness", paramLabel = "KEY",
      description = "a witness verifier key <name>+<key id>+<base64> whose cosignature to check: a consortium "
          + "peer's witness or an external C2SP witness; repeatable")
  List<String> witnessKeys = new ArrayList<>();

  @Option(names = "--json", description = "print a JSON report for tools instead of text")
  boolean json;

  /** The log of the node the options name, read with the audit key; warns on {@code err} when the key would travel in clear. */
  HttpLogSource node(NodeOptions nodeOptions, PrintWriter err) throws CommandError {
    NodeDefaults defaults = NodeDefaults.keyFile(NodeDefaults.LOCAL_ADMIN_KEY).withKeyFileVariable(ENV_AUDIT_KEY_FILE);
    Connection connection = nodeOptions.withKeyFile("--audit-key-file", auditKeyFile).resolve(System.getenv(), defaults);
    connection.clearTextWarning().ifPresent(err::println);
    return new HttpLogSource(NodeClient.create(connection));
  }

  List<Ed25519PublicKey> founders() throws CommandError {
    List<Ed25519PublicKey> out = new ArrayList<>();
    for (Path f : founderFiles) {
      try {
        out.add(KeyFiles.readPublicKey(f));
      } catch (IOException e) {
        throw CommandError.of(ExitCodes.USAGE, "cannot read --founder key file " + f + ": " + e.getMessage());
      }
    }
    return out;
  }

  List<CosignatureVerifier> witnesses() throws CommandError {
    List<CosignatureVerifier> out = new ArrayList<>();
    for (String k : witnessKeys) {
      try {
        out.add(CosignatureVerifier.parse(k));
      } catch (LogFormatException e) {
        throw CommandError.of(ExitCodes.USAGE, "invalid --witness: " + e.getMessage());
      }
    }
    return out;
  }

  /** {@code source}, with the roster from {@code --roster} files when given. */
  LogSource withRoster(LogSource source) throws CommandError {
    if (rosterFiles.isEmpty()) {
      return source;
    }
    List<Envelope> roster = new ArrayList<>();
    for (Path f : rosterFiles) {
      try {
        roster.add(Envelope.parse(Files.readString(f, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException | EnvelopeFormatException e) {
        throw CommandError.of(ExitCodes.USAGE, "cannot read --roster file " + f + ": " + e.getMessage());
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
