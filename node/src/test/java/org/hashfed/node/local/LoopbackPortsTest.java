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
