package org.hashfed.node.follow;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * Runs a read follower in its own JVM for {@link FollowerCrashTest}:
 * {@code FollowerProcessMain DATA_DIR LEADER_PEER_PORT LEADER_FINGERPRINT LEADER_API_PORT}. Prints
 * {@code POSITION <n>} after each change it applies, then runs until killed.
 */
public final class FollowerProcessMain {

  private FollowerProcessMain() {}

  public static void main(String[] args) throws Exception {
    NodeConfig config = NodeConfig.builder().dataDir(Path.of(args[0])).member("acme").port(0)
        .follow(FollowOptions.create(PeerUrl.parse("https://127.0.0.1:" + args[1]), TlsFingerprint.parse(args[2]),
            "http://127.0.0.1:" + args[3])).build();
    Follower follower = Follower.start(config, Clock.systemUTC());
    long reported = -1;
    while (true) {
      long now = follower.position().seq();
      if (now != reported) {
        System.out.println("POSITION " + now);
        System.out.flush();
        reported = now;
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
