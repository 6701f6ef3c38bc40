package org.hashfed.cli.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.follow.Follower;
import org.hashfed.node.auth.NewApiKey;
import org.hashfed.node.config.ConfigException;
import org.hashfed.node.config.ConfigLoader;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.logging.JsonLogFormatter;
import org.hashfed.node.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed node}: runs this member's node until SIGTERM or Ctrl-C. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Run this member's node: the store, the match index and the platform API. "
          + "Without a config file it uses embedded defaults: data in ./hashfed-data, 127.0.0.1:8700, "
          + "and on first start a member key, a development roster and an admin API key (in DATA/admin.key). "
          + "With a follow: section in the config file it runs a read follower of another node instead "
          + "(no member key; reads served, writes redirected: spec/follow.md). "
          + "Options and HASHFED_* environment variables: spec/config.md. Logs are JSON lines on stderr."
    })
public final class NodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file (see examples/node.yaml)")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./hashfed-data)")
  Path data;

  @Option(names = "--host", paramLabel = "ADDR", description = "listen address (default: 127.0.0.1)")
  String host;

  @Option(names = "--port", paramLabel = "N", description = "listen port (default: 8700; 0 for any free port)")
  Integer port;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodeConfig cfg;
    try {
      NodeConfig.Builder b = ConfigLoader.fromEnvironment().load(config);
      if (data != null) {
        b.dataDir(data);
      }
      if (host != null) {
        b.host(host);
      }
      if (port != null) {
        b.port(port);
      }
      cfg = b.build();
    } catch (ConfigException e) {
      err.println("hashfed node: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    JsonLogFormatter.install(Level.INFO);
    AutoCloseable running;
    try {
      if (cfg.follow().isPresent()) {
        Follower follower = Follower.start(cfg, Clock.systemUTC());
        out.println("hashfed follower of " + cfg.member() + " (" + cfg.follow().get().leaderPeerUrl()
            + ") listening on http://" + cfg.host() + ":" + follower.port() + " (data in " + cfg.dataDir()
            + "; certificate " + follower.tls().fingerprint() + "); Ctrl-C to stop");
        running = follower;
      } else {
        Node node = Node.start(cfg);
        node.firstAdminKey().ifPresent(k -> out.println(firstStartNotice(k, cfg.adminKeyFile())));
        out.println("hashfed node " + cfg.member() + " listening on http://" + cfg.host() + ":" + node.port()
            + " (data in " + cfg.dataDir() + "); Ctrl-C to stop");
        running = node;
      }
    } catch (NodeStartException | StoreException e) {
      err.println("hashfed node: " + e.getMessage());
      return ExitCodes.SERVER;
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopQuietly(running);
      stopped.countDown();
    }, "hashfed-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(running);
    }
    return ExitCodes.OK;
  }

  private static void stopQuietly(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      java.util.logging.Logger.getLogger(NodeCommand.class.getName()).log(Level.WARNING, "while stopping", e);
    }
  }

  /** The first-start line: the key's id and file, never the key, so consoles and log collectors don't keep it. */
  static String firstStartNotice(NewApiKey key, Path file) {
    return "First start: created admin API key id=" + key.id() + "; the key is in " + file
        + " (mode 0600): pass it with --admin-key-file";
  }
}
