package io.otlpiceberg.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports: the usual one when it is free, otherwise any free one. */
final class Ports {
  private Ports() {}

  static int preferred(int port) throws IOException {
    if (port > 0) {
      try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException inUse) {
        // fall through to any free port
      }
    }
    return free();
  }

  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
