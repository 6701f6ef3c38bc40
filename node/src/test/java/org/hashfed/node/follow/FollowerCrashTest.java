package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower in its own JVM, killed with SIGKILL while its leader writes: restarted on the same
 * data, it resumes from the last change it holds and catches up with everything the leader wrote.
 */
@Tag("slow")
class FollowerCrashTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path leaderDir;
  @TempDir Path followerDir;

  @Test
  void sigkill_whileFollowing_restartResumesAndLosesNothing() throws Exception {
    Node leader = Node.start(NodeConfig.builder().dataDir(leaderDir).member("acme").port(0).peerPort(0)
        .followers(List.of(TlsIdentity.loadOrCreate(followerDir, "acme").fingerprint())).build());
    try {
      leader.awaitReady(WAIT);
      String leaderFp = TlsIdentity.loadOrCreate(leaderDir, "acme").fingerprint().hex();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          FollowerProcessMain.class.getName(), followerDir.toString(), Integer.toString(leader.peerPort()), leaderFp,
          Integer.toString(leader.port()))
          .redirectError(followerDir.resolve("child-stderr.log").toFile()).start();
      AtomicLong childPosition = new AtomicLong();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("POSITION ")) {
              childPosition.set(Long.parseLong(line.substring(9).trim()));
            }
          }
        } catch (Exception e) {
          // the child was killed: its output ends
        }
      });
      reader.start();

      Await.until(WAIT, () -> childPosition.get() > 0 || !child.isAlive(), () -> "child follower not started: "
          + stderr());
      long base = childPosition.get();
      Ledger l = leader.ledger().orElseThrow();
      Set<EntryId> written = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      // Each submission is one change; the writer keeps at most a few ahead of the child, so that
      // the child is always mid-stream (applying changes) when it is killed, on a loaded machine too.
      Thread writer = new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          written.add(l.submit(Submit.of(Signal.parse("md5", String.format("%032x", 0xc0ffee0000L + i)),
              List.of(Label.parse("behavior:glorification")))).entryId());
          long submitted = i + 1;
          Await.until(WAIT, () -> stop.get() || !child.isAlive() || childPosition.get() >= base + submitted - 3,
              () -> "child follower at change " + childPosition.get());
        }
      });
      writer.start();
      Await.until(WAIT, () -> childPosition.get() >= base + 40 || !child.isAlive(), () -> "child follower at change "
          + childPosition.get());
      assertTrue(child.isAlive(), () -> "the child follower exited: " + stderr());
      child.destroyForcibly();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS));
      stop.set(true);
      writer.join(30_000);
      reader.join(10_000);

      Follower restarted = Follower.start(NodeConfig.builder().dataDir(followerDir).member("acme").port(0)
          .follow(FollowOptions.create(PeerUrl.parse("https://127.0.0.1:" + leader.peerPort()),
              TlsIdentity.loadOrCreate(leaderDir, "acme").fingerprint(), "http://127.0.0.1:" + leader.port()))
          .build(), Clock.systemUTC());
      try {
        assertTrue(restarted.position().seq() >= childPosition.get());
        for (EntryId id : written) {
          assertTrue(restarted.ledger().catalog().contains(id), "entry " + id + " missing after the restart");
        }
        assertEquals(l.entriesByMember(), restarted.ledger().entriesByMember());
      } finally {
        restarted.stop();
      }
    } finally {
      leader.stop();
    }
  }

  private String stderr() {
    try {
      return Files.readString(followerDir.resolve("child-stderr.log"));
    } catch (java.io.IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }
}
