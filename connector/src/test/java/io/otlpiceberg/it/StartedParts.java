package io.otlpiceberg.it;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a test stack in the order they started, closed in reverse whatever fails, so a
 * broken start or a failed test never leaves a child JVM or port behind.
 */
final class StartedParts implements AutoCloseable {
  private final List<AutoCloseable> parts = new ArrayList<>();

  <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  /** Closes everything; the first failure is rethrown after all were tried. */
  @Override
  public void close() throws Exception {
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
