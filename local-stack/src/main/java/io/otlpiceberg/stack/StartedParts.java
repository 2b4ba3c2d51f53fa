package io.otlpiceberg.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Parts in the order they started, closed in reverse whatever fails, so a broken start or a failed
 * test never leaves a child JVM or a port behind.
 */
public final class StartedParts implements AutoCloseable {
  private final List<AutoCloseable> parts = new ArrayList<>();

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
