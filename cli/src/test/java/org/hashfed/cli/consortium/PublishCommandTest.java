package org.hashfed.cli.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node on its development roster; roster versions made with the CLI and published to it. */
class PublishCommandTest {

  @TempDir static Path dir;
  static Node node;

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.builder().member("acme").dataDir(dir.resolve("node")).port(0).peerPort(0).build());
    node.awaitReady(java.time.Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    node.stop();
  }


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static CliRun publish(Path file) {
    return run("consortium", "publish", file.toString(), "--node", "http://127.0.0.1:" + node.port(),
        "--api-key-file", node.config().adminKeyFile().toString());
  }

  /** Proposes the version after {@code current}: acme's peer URL on another port. */
  private static Path propose(String name, int port, Path current) {
    Path out = dir.resolve(name);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("consortium", "propose", "set-url", "acme",
        "--url", "https://127.0.0.1:" + port, "--key", node.config().memberKeyFile().toString(), "--out", out.toString(), "--current", current.toString()));
    CliRun r = run(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.status(), r.out() + r.err());
    return out;
  }

  private static long version() {
    return node.sync().roster().current().roster().version();
  }

  @Test
  void versionsPublishedInOrder_areAdopted_forgedOrSkippedOnesAreRefused_andARepeatChangesNothing() throws Exception {
    Path v1 = node.config().rosterFile();
    Path v2 = propose("v2.json", 9102, v1);
    Path v3 = propose("v3.json", 9103, v2);

    // v2 as a stranger signed it: no quorum of v1's members.
    Path stranger = dir.resolve("stranger.key");
    KeyFiles.writePrivateKey(stranger, Ed25519PrivateKey.generate(new SecureRandom()));
    Envelope proposed = Envelope.parse(Files.readAllBytes(v2));
    Path forged = dir.resolve("forged.json");
    Files.write(forged, Envelope.sign(proposed.payloadType(), proposed.payload(), KeyFiles.readPrivateKey(stranger))
        .toJson());
    CliRun refused = publish(forged);
    assertEquals(ExitCodes.NOT_FOUND, refused.status(), refused.err());
    assertTrue(refused.err().contains("422 roster-refused"), refused.err());
    assertEquals(1, version());

    CliRun ahead = publish(v3);
    assertEquals(ExitCodes.USAGE, ahead.status(), ahead.err());
    assertTrue(ahead.err().contains("409 roster-ahead"), ahead.err());
    assertEquals(1, version());

    CliRun adopted = publish(v2);
    assertEquals(ExitCodes.OK, adopted.status(), adopted.err());
    assertTrue(adopted.out().contains("adopted roster version 2"), adopted.out());
    assertEquals(2, version());
    assertEquals("https://127.0.0.1:9102", node.sync().roster().current().roster()
        .member(MemberId.parse("acme")).orElseThrow().peerUrl().toString());

    CliRun again = publish(v2);
    assertEquals(ExitCodes.OK, again.status(), again.err());
    assertTrue(again.out().contains("already holds roster version 2"), again.out());

    assertEquals(ExitCodes.OK, publish(v3).status());
    assertEquals(3, version());
  }

  @Test
  void aFileThatIsNoRoster_isAUsageErrorNamingIt() throws Exception {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"not\":\"a roster\"}");
    CliRun r = publish(garbage);
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("roster file " + garbage + " is not a DSSE envelope"), r.err());
  }
}
