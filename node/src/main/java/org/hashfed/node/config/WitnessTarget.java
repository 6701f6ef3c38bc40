package org.hashfed.node.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.LogFormatException;

/**
 * A C2SP tlog-witness this node submits its checkpoints to ({@code log.witnesses}): either a URL
 * (the witness's submission prefix, reached over plain HTTP or HTTPS with the system's trusted
 * CAs) or a roster member (its witness on the peer port, over mutual TLS), and the witness's
 * verifier key, which decides which returned cosignatures count.
 */
public final class WitnessTarget {

  private final URI url;
  private final MemberId member;
  private final CosignatureVerifier key;

  private WitnessTarget(URI url, MemberId member, CosignatureVerifier key) {
    this.url = url;
    this.member = member;
    this.key = key;
  }

  /**
   * The witness at submission prefix {@code url} ({@code http} or {@code https}, no query or fragment).
   *
   * @throws IllegalArgumentException naming the value when the URL or the key is invalid
   */
  public static WitnessTarget atUrl(String url, String verifierKey) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(url, "url"));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("invalid witness url \"" + url + "\": " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("invalid witness url \"" + url
          + "\" (expected: http(s)://host[:port][/prefix], the witness's submission prefix, without query or fragment)");
    }
    String text = uri.toString();
    return new WitnessTarget(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), null,
        key(verifierKey));
  }

  /**
   * The witness of roster member {@code member}, on its peer port.
   *
   * @throws IllegalArgumentException naming the value when the member id or the key is invalid
   */
  public static WitnessTarget ofMember(String member, String verifierKey) {
    return new WitnessTarget(null, MemberId.parse(member), key(verifierKey));
  }

  private static CosignatureVerifier key(String verifierKey) {
    try {
      return CosignatureVerifier.parse(Objects.requireNonNull(verifierKey, "key"));
    } catch (LogFormatException e) {
      throw new IllegalArgumentException("invalid witness key \"" + verifierKey + "\": " + e.getMessage()
          + " (expected: <name>+<key id>+<base64 of 0x04 and the Ed25519 public key>)", e);
    }
  }

  /** The submission prefix, for a witness reached by URL. */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /** The roster member, for a witness on a peer's peer port. */
  public Optional<MemberId> member() {
    return Optional.ofNullable(member);
  }

  /** The witness's cosignature verifier. */
  public CosignatureVerifier key() {
    return key;
  }

  @Override
  public String toString() {
    return "witness " + key.name() + " at " + (url != null ? url : "member " + member);
  }
}
