package org.hashfed.node;

import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.node.config.NodeConfig;

/**
 * Runs a node in its own JVM for {@link NodeCrashTest}: {@code NodeProcessMain DATA_DIR}. Prints
 * {@code PORT <n>} once listening and {@code READY} once the indexes are rebuilt, then runs until
 * killed: SIGKILL stops it abruptly, SIGTERM cleanly (the node's stop, which writes the start-up snapshot).
 */
public final class NodeProcessMain {

  private NodeProcessMain() {}

  public static void main(String[] args) throws Exception {
    Node node = Node.start(NodeConfig.builder().dataDir(Path.of(args[0])).member("acme").port(0).peerPort(0).build());
    Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "node-process-stop"));
    System.out.println("PORT " + node.port());
    node.awaitReady(Duration.ofSeconds(60));
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }
}
