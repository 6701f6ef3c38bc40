package org.hashfed.node.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers whose address must be known before they start, because it is signed
 * into a roster (a local consortium's peer ports) or given to a child process.
 *
 * <p>Ports are picked below the kernel's ephemeral range. A port found free by binding port 0 comes
 * from that range, and so do the ports the kernel hands out meanwhile for outgoing connections and
 * for every other server that binds port 0 (the nodes' API servers, other processes): in the seconds
 * before its server binds it, such a port can be taken, and the node then fails with "Address
 * already in use". Below the range only servers that ask for a port by number compete, and this
 * class never hands out the same port twice in one JVM: a port is only free until its server binds
 * it, so two picks made before either server starts (a consortium's peer ports) could otherwise
 * return the same one.
 */
public final class LoopbackPorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** Linux's default start of the ephemeral range, when it cannot be read. */
  private static final int DEFAULT_EPHEMERAL_LOW = 32768;
  private static final int SPAN = 16384;
  private static final int ATTEMPTS = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  /** A loopback port free at the time of the call, below the ephemeral range when there is room. */
  public static int pick() {
    int high = ephemeralLow();
    return pick(Math.max(1024, high - SPAN), high);
  }

  /** A port in {@code low .. high - 1} free at the time of the call, else any free one. */
  static int pick(int low, int high) {
    for (int i = 0; i < ATTEMPTS && low < high; i++) {
      int port = ThreadLocalRandom.current().nextInt(low, high);
      if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free loopback port", e);
      }
    }
    throw new IllegalStateException("no loopback port left that this JVM has not handed out already");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int ephemeralLow() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE, StandardCharsets.US_ASCII).trim().split("\\s+");
      int low = Integer.parseInt(range[0]);
      return low > 1024 && low <= 65535 ? low : DEFAULT_EPHEMERAL_LOW;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }
}
