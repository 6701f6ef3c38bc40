package org.hashfed.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.node.config.NodeConfig;

/**
 * Runs a node for {@link DiskFullTest} on a small file system of its own: {@code DiskFullNodeMain
 * DIR}, the node's data in {@code DIR/data}. Prints {@code PORT <n>}, on the first start
 * {@code ADMIN <key>} (the test cannot read a file system mounted for the child only) and
 * {@code READY}, then
 * obeys lines on standard input: {@code FILL} writes {@code DIR/filler} until the disk is full
 * ({@code FILLED}), {@code FREE} deletes it ({@code FREED}), {@code RESTART} stops the node and
 * starts it again on the same data ({@code PORT}, {@code READY}).
 */
public final class DiskFullNodeMain {

  private DiskFullNodeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path filler = dir.resolve("filler");
    Node node = start(dir);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "FILL" -> {
          TmpfsChild.fill(filler);
          TmpfsChild.say("FILLED");
        }
        case "FREE" -> {
          Files.deleteIfExists(filler);
          TmpfsChild.say("FREED");
        }
        case "RESTART" -> {
          node.stop();
          node = start(dir);
        }
        default -> TmpfsChild.say("UNKNOWN " + line);
      }
    }
    node.stop();
  }

  private static Node start(Path dir) {
    Node node = Node.start(NodeConfig.builder().dataDir(dir.resolve("data")).member("acme").port(0).peerPort(0)
        .build());
    TmpfsChild.say("PORT " + node.port());
    node.firstAdminKey().ifPresent(k -> TmpfsChild.say("ADMIN " + k.secret()));
    node.awaitReady(Duration.ofSeconds(60));
    TmpfsChild.say("READY");
    return node;
  }
}
