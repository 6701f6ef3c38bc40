package org.hashfed.node.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * What a read follower copies and where it sends writes ({@code follow:} in spec/config.md): its
 * leader's peer port and certificate, and the leader's platform API URL that writes are redirected to.
 */
public final class FollowOptions {

  /** Default bound on how long a follower may lack changes of its leader and still answer {@code /readyz} with 200. */
  public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(30);
  static final Duration MIN_MAX_LAG = Duration.ofSeconds(1);
  static final Duration MAX_MAX_LAG = Duration.ofDays(1);

  private final PeerUrl leaderPeerUrl;
  private final TlsFingerprint leaderFingerprint;
  private final URI leaderApiUrl;
  private final Duration maxLag;

  private FollowOptions(PeerUrl leaderPeerUrl, TlsFingerprint leaderFingerprint, URI leaderApiUrl, Duration maxLag) {
    this.leaderPeerUrl = leaderPeerUrl;
    this.leaderFingerprint = leaderFingerprint;
    this.leaderApiUrl = leaderApiUrl;
    this.maxLag = maxLag;
  }

  /**
   * Options of a follower of the node at {@code leaderPeerUrl} whose peer certificate has
   * {@code leaderFingerprint}, redirecting writes to {@code leaderApiUrl}.
   *
   * @throws IllegalArgumentException when {@code leaderApiUrl} is not an absolute http(s) URL
   *     without query or fragment
   */
  public static FollowOptions create(PeerUrl leaderPeerUrl, TlsFingerprint leaderFingerprint, String leaderApiUrl) {
    Objects.requireNonNull(leaderPeerUrl, "leaderPeerUrl");
    Objects.requireNonNull(leaderFingerprint, "leaderFingerprint");
    URI api;
    try {
      api = new URI(leaderApiUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("leader API URL \"" + leaderApiUrl + "\" does not parse: " + e.getMessage(), e);
    }
    if (!("http".equals(api.getScheme()) || "https".equals(api.getScheme())) || api.getHost() == null
        || api.getRawQuery() != null || api.getRawFragment() != null) {
      throw new IllegalArgumentException("leader API URL \"" + leaderApiUrl
          + "\" (expected: an absolute http or https URL without query or fragment, e.g. https://hashfed.example:8700)");
    }
    String text = api.toString();
    return new FollowOptions(leaderPeerUrl, leaderFingerprint,
        URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), DEFAULT_MAX_LAG);
  }

  /**
   * These options with {@code /readyz} answering 503 once the follower has lacked changes of its
   * leader for longer than {@code maxLag}.
   *
   * @throws IllegalArgumentException when {@code maxLag} is outside 1 s..1 day
   */
  public FollowOptions withMaxLag(Duration maxLag) {
    Objects.requireNonNull(maxLag, "maxLag");
    if (maxLag.compareTo(MIN_MAX_LAG) < 0 || maxLag.compareTo(MAX_MAX_LAG) > 0) {
      throw new IllegalArgumentException("max lag " + maxLag.toMillis() + " ms (expected: " + MIN_MAX_LAG.toMillis()
          + " to " + MAX_MAX_LAG.toMillis() + ")");
    }
    return new FollowOptions(leaderPeerUrl, leaderFingerprint, leaderApiUrl, maxLag);
  }

  /** How long the follower may lack changes of its leader and still report itself ready. */
  public Duration maxLag() {
    return maxLag;
  }

  /** The leader's peer port URL, which the follower copies the change log from. */
  public PeerUrl leaderPeerUrl() {
    return leaderPeerUrl;
  }

  /** The fingerprint the leader's peer certificate must have. */
  public TlsFingerprint leaderFingerprint() {
    return leaderFingerprint;
  }

  /** The leader's platform API base URL, without a trailing slash: where writes are redirected. */
  public URI leaderApiUrl() {
    return leaderApiUrl;
  }

  @Override
  public String toString() {
    return "follow " + leaderPeerUrl + " (" + leaderFingerprint + "), writes to " + leaderApiUrl + ", max lag "
        + maxLag.toMillis() + " ms";
  }
}
