package io.otlpiceberg.stack;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls with a deadline instead of sleeping a guessed time. */
public final class Poll {
  private Poll() {}

  /** A value to wait on; it may throw while the thing is not there yet. */
  public interface Check<T> {
    T get() throws Exception;
  }

  /**
   * Thrown by a check that knows waiting longer cannot help (a process died, a connector FAILED):
   * {@link #until} rethrows it at once. Any other exception is retried until the deadline, since a
   * part that is still starting refuses connections or lacks a table.
   */
  public static class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GiveUp(String message) {
      super(message);
    }
  }

  /**
   * The first value that passes {@code done}; at the deadline an {@link IllegalStateException}
   * naming what was awaited, the last value seen and, as its cause, the last error.
   */
  public static <T> T until(String what, Duration timeout, Check<T> value, Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = value.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (GiveUp e) {
        throw e;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last value: "
                + last
                + (lastError != null ? "; last error: " + lastError : ""),
            lastError);
      }
      Thread.sleep(250);
    }
  }

  /** Waits until {@code done} is true. */
  public static void until(String what, Duration timeout, Check<Boolean> done)
      throws InterruptedException {
    until(what, timeout, done, Boolean::booleanValue);
  }
}
