package org.hashfed.cli.consortium;

import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.roster.TlsFingerprint;
import picocli.CommandLine.Option;

/** Where a node's TLS certificate fingerprint comes from: the certificate file, or the fingerprint typed in. */
final class TlsSource {

  @Option(names = "--tls-cert", paramLabel = "PEM_FILE",
      description = "The node's TLS certificate (PEM); its SHA-256 fingerprint is computed.")
  Path certificate;

  @Option(names = "--tls-fingerprint", paramLabel = "HEX",
      description = "SHA-256 of the node's DER certificate: 64 hex digits, colons allowed.")
  String fingerprint;

  TlsFingerprint fingerprint() throws CommandFailure {
    try {
      if (certificate != null) {
        return TlsFingerprint.ofCertificateFile(RosterFiles.readCertificate(certificate));
      }
      return TlsFingerprint.parseInput(fingerprint);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, (certificate != null ? "certificate file " + certificate + " " : "")
          + e.getMessage());
    }
  }
}
