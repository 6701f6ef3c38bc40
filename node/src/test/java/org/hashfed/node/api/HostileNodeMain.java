package org.hashfed.node.api;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.hashfed.node.Node;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.config.NodeConfig;

/**
 * Runs a node in a small-heap JVM of its own for {@link HostileNodeProcessTest}: {@code
 * HostileNodeMain DATA_DIR}. Prints {@code PORT <n>}, {@code ADMIN <key>} and {@code READY}, then
 * answers {@code MEMORY} on standard input with {@code MEMORY <live> <peak>}: the largest heap in
 * use after any garbage collection since the last {@code MEMORY} (a collection is run first, so
 * there is at least one) and the heap pools' peak use, both in bytes; both are then reset.
 *
 * <p>The heap after a collection is what the node holds on to: an upload buffered on the heap
 * stays in it until its request ends, garbage does not.
 */
public final class HostileNodeMain {

  private static final AtomicLong liveAfterGc = new AtomicLong();

  private HostileNodeMain() {}

  public static void main(String[] args) throws Exception {
    watchCollections();
    // every attack reaches the decoders and the hashing: the per-key limit of heavy requests,
    // which would refuse most of them first, is MatchBudgetTest's
    Node node = Node.start(NodeConfig.builder().dataDir(Path.of(args[0])).member("acme").port(0).peerPort(0)
        .match(MatchLimits.of(MatchLimits.DEFAULT_MAX_PER_SIGNAL, MatchLimits.DEFAULT_MAX_PER_RESPONSE,
            MatchLimits.DEFAULT_HEAVY_SIGNALS, 1024)).build());
    say("PORT " + node.port());
    node.firstAdminKey().ifPresent(k -> say("ADMIN " + k.secret()));
    node.awaitReady(Duration.ofSeconds(60));
    say("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals("MEMORY")) {
        System.gc();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            peak += pool.getPeakUsage().getUsed();
            pool.resetPeakUsage();
          }
        }
        say("MEMORY " + liveAfterGc.getAndSet(0) + " " + peak);
      } else {
        say("UNKNOWN " + line);
      }
    }
    node.stop();
  }

  private static void watchCollections() {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
              .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
          long used = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed()).sum();
          liveAfterGc.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
