package org.hashfed.node.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

  @Test
  void pickedPorts_areBelowTheEphemeralRange_andBindable() throws Exception {
    int ephemeralLow = LoopbackPorts.ephemeralLow();
    for (int i = 0; i < 20; i++) {
      int port = LoopbackPorts.pick();
      assertTrue(port >= 1024 && port < ephemeralLow, port + " is not below the ephemeral range from " + ephemeralLow);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      }
    }
  }

  @Test
  void noPortIsHandedOutTwice_thoughNoneIsBoundBetweenPicks() {
    // A consortium's peer ports are all picked before any node binds one. Random picks from the
    // 16,384 ports below the range would repeat among 1,000 almost surely.
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      int port = LoopbackPorts.pick();
      assertTrue(seen.add(port), "port " + port + " handed out twice, at pick " + i);
    }
  }

  @Test
  void aPortInUse_isNotPicked() throws Exception {
    int port = LoopbackPorts.pick();
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      for (int i = 0; i < 50; i++) {
        int other = LoopbackPorts.pick(port, port + 2);
        assertTrue(other != port, "picked " + port + ", which a server holds");
      }
    }
  }
}
