package org.hashfed.cli.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;

/** A node's base URL and the API key to call it with; {@link #toString} never shows the key. */
public final class Connection {

  private final URI base;
  private final String apiKey;
  private final String source;

  private Connection(URI base, String apiKey, String source) {
    this.base = base;
    this.apiKey = apiKey;
    this.source = source;
  }

  /**
   * Checks the URL (http or https with a host) and the key (one line of printable text).
   *
   * @param source where the settings came from, for messages, e.g. {@code profile "work"}
   */
  public static Connection create(String nodeUrl, String apiKey, String source) throws CommandError {
    URI uri = parseUrl(nodeUrl);
    if (apiKey == null || apiKey.isBlank()) {
      throw CommandError.of(ExitCodes.USAGE, "no API key (from " + source + "): give --api-key-file FILE, set "
          + "HASHFED_API_KEY, or run hashfed login --node URL --api-key-file FILE");
    }
    String key = apiKey.strip();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw CommandError.of(ExitCodes.USAGE, "the API key (from " + source + ") contains a space or control "
            + "character at position " + i + ": expected one line like hfk_...");
      }
    }
    return new Connection(uri, key, source);
  }

  /** Parses a node URL such as {@code http://127.0.0.1:8700}; a trailing slash is dropped. */
  public static URI parseUrl(String nodeUrl) throws CommandError {
    String expected = ": expected a URL like http://127.0.0.1:8700 or https://hashfed.example.org";
    if (nodeUrl == null || nodeUrl.isBlank()) {
      throw CommandError.of(ExitCodes.USAGE, "no node URL: give --node URL, set HASHFED_NODE, or run "
          + "hashfed login --node URL --api-key-file FILE");
    }
    try {
      URI uri = URI.create(nodeUrl.strip().replaceAll("/+$", ""));
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw CommandError.of(ExitCodes.USAGE, "invalid node URL \"" + nodeUrl + "\"" + expected);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid node URL \"" + nodeUrl + "\"" + expected);
    }
  }

  /** The node's base URL, without a trailing slash. */
  public URI base() {
    return base;
  }

  /** The URL of a path on the node, e.g. {@code /v1/status}. */
  URI resolve(String path) {
    return URI.create(base.toString() + path);
  }

  String apiKey() {
    return apiKey;
  }

  /** Where the settings came from (flags, environment or a named profile). */
  public String source() {
    return source;
  }

  /** Whether the key would travel unencrypted to another machine. */
  public boolean sendsKeyInClear() {
    if (!"http".equals(base.getScheme())) {
      return false;
    }
    try {
      return !InetAddress.getByName(base.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return true;
    }
  }

  /** The warning to print on standard error when {@link #sendsKeyInClear} holds. */
  public Optional<String> clearTextWarning() {
    return sendsKeyInClear()
        ? Optional.of("warning: sending the API key unencrypted to " + base + "; use https for a node on another machine")
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "Connection{" + base + " from " + source + "}";
  }
}
