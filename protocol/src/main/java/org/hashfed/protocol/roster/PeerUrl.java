package org.hashfed.protocol.roster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A node's peer endpoint: an absolute {@code https} URL with a host, an optional port and path,
 * and no user info, query or fragment; at most 256 printable ASCII characters.
 */
public final class PeerUrl {

  /** Longest URL accepted, in characters. */
  public static final int MAX_LENGTH = 256;

  private static final String EXPECTED =
      "an https URL such as https://node.example.org:8443 (no user info, query or fragment, at most "
          + MAX_LENGTH + " printable ASCII characters)";

  private final URI uri;
  private final String text;

  private PeerUrl(URI uri, String text) {
    this.uri = uri;
    this.text = text;
  }

  /**
   * Parses and validates a peer URL; the text is kept exactly as given.
   *
   * @throws IllegalArgumentException when it is not such an https URL
   */
  public static PeerUrl parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !printableAscii(text)) {
      throw invalid(text, null);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text, e);
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() == 0
        || uri.getPort() > 65535 || !uri.getHost().equals(uri.getHost().toLowerCase(Locale.ROOT))) {
      throw invalid(text, null);
    }
    return new PeerUrl(uri, text);
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String text, Exception cause) {
    return new IllegalArgumentException("invalid peer URL " + RosterText.quote(text) + ": expected " + EXPECTED, cause);
  }

  /** The URL as a URI. */
  public URI uri() {
    return uri;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerUrl p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The URL text exactly as given. */
  @Override
  public String toString() {
    return text;
  }
}
