package org.hashfed.node.sync;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.Node;
import org.hashfed.node.TmpfsChild;
import org.hashfed.node.local.LocalConsortium;

/**
 * Runs two members' nodes for {@link PeerDiskFullTest}: {@code PeerDiskFullMain ROOT}, acme's data
 * in {@code ROOT/acme} and beta's in {@code ROOT/beta}, which the caller has made a small file
 * system of its own. Anti-entropy runs once an hour, so an entry reaches beta only by a push
 * (again, after a refused one). The sender's push failures are logged to standard error. Prints
 * {@code PORT <member> <n>}, {@code ADMIN <member> <key>} and {@code READY}, then obeys lines on
 * standard input: {@code FILL} writes {@code ROOT/beta/filler} until beta's disk is full
 * ({@code FILLED}), {@code FREE} deletes it ({@code FREED}).
 */
public final class PeerDiskFullMain {

  // held here: the log manager keeps loggers only weakly, and a collected one loses its level
  private static final Logger PUSHER = Logger.getLogger(Pusher.class.getName());

  private PeerDiskFullMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path filler = root.resolve("beta").resolve("filler");
    logPushFailures();
    try (LocalConsortium consortium = LocalConsortium.prepare(root, List.of("acme", "beta"),
        b -> b.workerThreads(2).sync(b.build().sync().withAntiEntropy(Duration.ofHours(1))
            .withTimeout(Duration.ofSeconds(5))))) {
      consortium.startAll();
      for (String m : consortium.members()) {
        Node n = consortium.node(m);
        TmpfsChild.say("PORT " + m + " " + n.port());
        n.firstAdminKey().ifPresent(k -> TmpfsChild.say("ADMIN " + m + " " + k.secret()));
      }
      TmpfsChild.say("READY");
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
          default -> TmpfsChild.say("UNKNOWN " + line);
        }
      }
    }
  }

  private static void logPushFailures() {
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.FINE);
    PUSHER.setLevel(Level.FINE);
    PUSHER.addHandler(handler);
  }
}
