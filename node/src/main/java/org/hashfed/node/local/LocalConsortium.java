package org.hashfed.node.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;

/**
 * A consortium of nodes on loopback in one JVM, for the demo, benchmarks and tests: one data
 * directory per member with its key and TLS certificate, a genesis roster signed by every
 * founder, fixed peer ports so a stopped node restarts where its peers expect it.
 */
public final class LocalConsortium implements AutoCloseable {

  private final Map<String, NodeConfig> configs = new LinkedHashMap<>();
  private final Map<String, Node> running = new LinkedHashMap<>();
  private final Map<String, Ed25519PrivateKey> keys = new LinkedHashMap<>();
  private final Envelope genesis;

  private LocalConsortium(Map<String, NodeConfig> configs, Map<String, Ed25519PrivateKey> keys, Envelope genesis) {
    this.configs.putAll(configs);
    this.keys.putAll(keys);
    this.genesis = genesis;
  }

  /**
   * Prepares (without starting) one node per member under {@code root}: keys, certificates and
   * the shared genesis roster written as each node's roster file.
   *
   * @param customize adjusts each node's configuration (sync options, threads); data dir, member and ports are set
   */
  public static LocalConsortium prepare(Path root, List<String> members, UnaryOperator<NodeConfig.Builder> customize) {
    Map<String, NodeConfig> configs = new LinkedHashMap<>();
    Map<String, Ed25519PrivateKey> keys = new LinkedHashMap<>();
    List<MemberRecord> records = new ArrayList<>();
    try {
      for (String m : members) {
        Path dir = root.resolve(m);
        Files.createDirectories(dir);
        NodeConfig c = customize.apply(NodeConfig.builder().dataDir(dir).member(m).port(0).peerPort(LoopbackPorts.pick()))
            .build();
        MemberIdentity id = MemberIdentity.loadOrCreate(c.member(), c.memberKeyFile());
        TlsIdentity tls = TlsIdentity.loadOrCreate(dir, m);
        keys.put(m, KeyFiles.readPrivateKey(c.memberKeyFile()));
        records.add(MemberRecord.create(id.member(), m, id.publicKey(),
            PeerUrl.parse("https://127.0.0.1:" + c.peerPort()), tls.fingerprint(), MemberStatus.ACTIVE));
        configs.put(m, c);
      }
      Roster roster = Roster.genesis("local", Quorum.TWO_THIRDS, EntryTime.truncate(Instant.now()), records);
      Envelope env = null;
      for (Ed25519PrivateKey k : keys.values()) {
        env = env == null ? RosterEnvelopes.propose(roster, k) : RosterEnvelopes.cosign(env, k);
      }
      byte[] json = env.toJson();
      for (NodeConfig c : configs.values()) {
        Files.write(c.rosterFile(), json);
      }
      return new LocalConsortium(configs, keys, env);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a local consortium in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Starts every member's node that is not running and waits until each is ready. */
  public LocalConsortium startAll() {
    for (String m : configs.keySet()) {
      if (!running.containsKey(m)) {
        start(m);
      }
    }
    return this;
  }

  /** Starts one member's node (again) and waits until it is ready. */
  public Node start(String member) {
    Node n = Node.start(config(member));
    n.awaitReady(Duration.ofSeconds(30));
    running.put(member, n);
    return n;
  }

  /** Stops one member's node; its data stays. */
  public void stop(String member) {
    Node n = running.remove(member);
    if (n != null) {
      n.stop();
    }
  }

  /** The running node of a member. */
  public Node node(String member) {
    Node n = running.get(member);
    if (n == null) {
      throw new IllegalStateException("member " + member + " has no running node: expected one of " + running.keySet());
    }
    return n;
  }

  /** The members, in the order given. */
  public List<String> members() {
    return List.copyOf(configs.keySet());
  }

  /** A member's node configuration. */
  public NodeConfig config(String member) {
    NodeConfig c = configs.get(member);
    if (c == null) {
      throw new IllegalArgumentException("unknown member " + member + ": expected one of " + configs.keySet());
    }
    return c;
  }

  /** A member's signing key: local consortia are for demos and tests, where one party holds every key. */
  public Ed25519PrivateKey memberKey(String member) {
    return keys.get(member);
  }

  /** The genesis roster every node started with. */
  public Envelope genesis() {
    return genesis;
  }

  /** Stops every running node. */
  @Override
  public void close() {
    for (String m : List.copyOf(running.keySet())) {
      stop(m);
    }
  }
}
