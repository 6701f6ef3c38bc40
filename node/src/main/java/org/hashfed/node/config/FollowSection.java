package org.hashfed.node.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;

/** The {@code followers:} list and the {@code follow:} section of a config file (spec/config.md). */
final class FollowSection {

  /** Most followers one node serves: each one holds a long-poll open on the peer port. */
  static final int MAX_FOLLOWERS = 64;

  private FollowSection() {}

  static void apply(NodeConfig.Builder b, List<String> followers, ConfigFile.Follow follow) {
    if (followers != null) {
      b.followers(fingerprints(followers));
    }
    if (follow != null) {
      if (follow.leaderPeerUrl() == null || follow.leaderFingerprint() == null || follow.leaderApiUrl() == null) {
        throw new ConfigException("missing follow." + (follow.leaderPeerUrl() == null ? "leader_peer_url"
            : follow.leaderFingerprint() == null ? "leader_fingerprint" : "leader_api_url")
            + ": a follower needs leader_peer_url, leader_fingerprint and leader_api_url");
      }
      PeerUrl peer;
      TlsFingerprint fp;
      try {
        peer = PeerUrl.parse(follow.leaderPeerUrl());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_peer_url: " + e.getMessage(), e);
      }
      try {
        fp = TlsFingerprint.parseInput(follow.leaderFingerprint());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_fingerprint: " + e.getMessage(), e);
      }
      FollowOptions options;
      try {
        options = FollowOptions.create(peer, fp, follow.leaderApiUrl());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_api_url: " + e.getMessage(), e);
      }
      if (follow.maxLagMs() != null) {
        try {
          options = options.withMaxLag(java.time.Duration.ofMillis(follow.maxLagMs()));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid follow.max_lag_ms " + follow.maxLagMs() + ": " + e.getMessage(), e);
        }
      }
      b.follow(options);
    }
  }

  private static List<TlsFingerprint> fingerprints(List<String> list) {
    if (list.size() > MAX_FOLLOWERS) {
      throw new ConfigException("invalid followers: " + list.size() + " fingerprints (expected: at most "
          + MAX_FOLLOWERS + ")");
    }
    Set<TlsFingerprint> out = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        out.add(TlsFingerprint.parseInput(list.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid followers[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(out);
  }
}
