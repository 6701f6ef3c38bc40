package org.hashfed.node.config;

import com.fasterxml.jackson.databind.JsonNode;
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
  private static final Set<String> KEYS = Set.of("leader_peer_url", "leader_fingerprint", "leader_api_url");

  private FollowSection() {}

  static void apply(NodeConfig.Builder b, JsonNode followers, JsonNode follow) {
    if (followers != null) {
      b.followers(fingerprints(followers));
    }
    if (follow != null) {
      ConfigLoader.requireObject(follow, "follow", KEYS, "follow.");
      for (String k : KEYS) {
        if (!follow.hasNonNull(k)) {
          throw new ConfigException("missing follow." + k + ": a follower needs leader_peer_url, leader_fingerprint"
              + " and leader_api_url");
        }
      }
      PeerUrl peer;
      TlsFingerprint fp;
      String api = ConfigLoader.text(follow, "leader_api_url", "follow.");
      try {
        peer = PeerUrl.parse(ConfigLoader.text(follow, "leader_peer_url", "follow."));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_peer_url: " + e.getMessage(), e);
      }
      try {
        fp = TlsFingerprint.parseInput(ConfigLoader.text(follow, "leader_fingerprint", "follow."));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_fingerprint: " + e.getMessage(), e);
      }
      try {
        b.follow(FollowOptions.create(peer, fp, api));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid follow.leader_api_url: " + e.getMessage(), e);
      }
    }
  }

  private static List<TlsFingerprint> fingerprints(JsonNode list) {
    if (!list.isArray()) {
      throw new ConfigException("invalid followers: expected a list of certificate fingerprints, got "
          + list.getNodeType());
    }
    if (list.size() > MAX_FOLLOWERS) {
      throw new ConfigException("invalid followers: " + list.size() + " fingerprints (expected: at most "
          + MAX_FOLLOWERS + ")");
    }
    Set<TlsFingerprint> out = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      if (!n.isTextual()) {
        throw new ConfigException("invalid followers[" + i + "] " + n + ": expected a SHA-256 certificate fingerprint");
      }
      try {
        out.add(TlsFingerprint.parseInput(n.asText()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid followers[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(out);
  }
}
