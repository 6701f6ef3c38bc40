package org.hashfed.node.follow;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hashfed.node.Node;
import org.hashfed.node.TestVertx;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.roster.PeerUrl;

/**
 * A real leader node of member acme whose {@code followers:} pins the certificate of one follower
 * data directory, with what that follower needs to reach it: a Vert.x instance watched by the
 * event-loop guard, a peer client presenting the follower's certificate, its follow options.
 */
final class PinnedLeader implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);

  /** Changes a stopped leader's files (its store directory given) before it starts again. */
  @FunctionalInterface
  interface StoppedEdit {
    void edit(Path storeDir) throws Exception;
  }

  private final Path leaderDir;
  private final Path followerDir;
  private final Vertx vertx;
  private Node node;

  private PinnedLeader(Path leaderDir, Path followerDir) {
    this.leaderDir = leaderDir;
    this.followerDir = followerDir;
    this.node = startNode(0, 0);
    this.vertx = TestVertx.create();
  }

  /** Starts the leader in {@code leaderDir}, pinning the certificate of the follower in {@code followerDir}. */
  static PinnedLeader start(Path leaderDir, Path followerDir) {
    return new PinnedLeader(leaderDir, followerDir);
  }

  private Node startNode(int port, int peerPort) {
    Node n = Node.start(NodeConfig.builder().dataDir(leaderDir).member("acme").port(port).peerPort(peerPort)
        .followers(List.of(TlsIdentity.loadOrCreate(followerDir, "acme").fingerprint())).build());
    n.awaitReady(WAIT);
    return n;
  }

  /** The running leader. */
  Node node() {
    return node;
  }

  /** The Vert.x instance of the follower's side. */
  Vertx vertx() {
    return vertx;
  }

  /** A client of the leader's peer port as the follower: its certificate, the leader's pinned. */
  PeerClient client() {
    return PeerClient.create(vertx, TlsIdentity.loadOrCreate(followerDir, "acme"), follow().leaderPeerUrl(),
        follow().leaderFingerprint(), fp -> true, Replicator.CLIENT_TIMEOUT, Replicator.MAX_ANSWER_BYTES);
  }

  /** The follow: section of a follower of this leader. */
  FollowOptions follow() {
    return FollowOptions.create(PeerUrl.parse("https://127.0.0.1:" + node.peerPort()),
        TlsIdentity.loadOrCreate(leaderDir, "acme").fingerprint(), "http://127.0.0.1:" + node.port());
  }

  /** The configuration of a follower of this leader in the pinned follower directory. */
  NodeConfig followerConfig() {
    return NodeConfig.builder().dataDir(followerDir).member("acme").port(0).follow(follow()).build();
  }

  /**
   * Stops the leader, lets {@code edit} change its store, and starts it again on the same ports,
   * where a running follower finds it again.
   */
  void restartAfter(StoppedEdit edit) throws Exception {
    int port = node.port();
    int peerPort = node.peerPort();
    node.stop();
    edit.edit(leaderDir.resolve("store"));
    node = startNode(port, peerPort);
  }

  @Override
  public void close() {
    vertx.close().await();
    node.stop();
  }
}
