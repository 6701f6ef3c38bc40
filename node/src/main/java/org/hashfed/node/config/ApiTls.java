package org.hashfed.node.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS for the platform API ({@code http.tls_cert}, {@code http.tls_key}): a PEM certificate chain
 * and its PEM private key, both resolved against the data directory.
 */
public record ApiTls(Path certFile, Path keyFile) {

  /**
   * Both files, readable.
   *
   * @throws ConfigException naming the option and the file that is missing or unreadable
   */
  public ApiTls {
    requireReadable("http.tls_cert", certFile);
    requireReadable("http.tls_key", keyFile);
  }

  private static void requireReadable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException("invalid " + option + " " + file + ": expected a readable PEM file");
    }
  }
}
