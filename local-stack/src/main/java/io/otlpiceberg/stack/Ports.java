package io.otlpiceberg.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports: the usual one when it is free, otherwise any free one. */
public final class Ports {
  private Ports() {}

  /** {@code port} if it is free (0: none preferred), otherwise any free port. */
  public static int preferred(int port) throws IOException {
    if (port > 0) {
      try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException inUse) {
        // fall through to any free port
      }
    }
    return free();
  }

  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
