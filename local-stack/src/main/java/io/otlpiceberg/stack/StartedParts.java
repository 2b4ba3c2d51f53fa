package io.otlpiceberg.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Parts in the order they started, closed in reverse whatever fails, so a broken start or a failed
 * test never leaves a child JVM or a port behind.
 */
public final class StartedParts implements AutoCloseable {
  private final List<AutoCloseable> parts = new ArrayList<>();

  /** A start of several parts, each {@link #add added} as it starts. */
  @FunctionalInterface
  public interface Start {
    void run() throws Exception;
  }

  /**
   * Runs {@code start}; if it fails, closes whatever it had added and rethrows (a failure to close
   * is suppressed into the start's).
   */
  public void startOrClose(Start start) throws Exception {
    try {
      start.run();
    } catch (Exception | Error e) {
      try {
        close();
      } catch (Exception closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  public synchronized <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  /** Closes everything; the first failure is rethrown after all were tried. */
  @Override
  public synchronized void close() throws Exception {
    Exception first = null;
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    parts.clear();
    if (first != null) {
      throw first;
    }
  }
}
