package io.otlpiceberg.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls with a deadline instead of sleeping a guessed time. */
final class Poll {
  private Poll() {}

  interface Check<T> {
    T get() throws Exception;
  }

  /** Returns the first value that passes; fails with the last value seen at the deadline. */
  static <T> T until(String what, Duration timeout, Check<T> value,
      java.util.function.Predicate<T> done) throws Exception {
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
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error = new AssertionError(
            "Timed out after " + timeout + " waiting for " + what + "; last value: " + last);
        if (lastError != null) {
          error.initCause(lastError);
        }
        throw error;
      }
      Thread.sleep(250);
    }
  }

  static void until(String what, Duration timeout, Supplier<Boolean> done) throws Exception {
    until(what, timeout, done::get, Boolean::booleanValue);
  }
}
