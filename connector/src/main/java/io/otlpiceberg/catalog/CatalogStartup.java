package io.otlpiceberg.catalog;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's first contact with the catalog, waiting out a catalog that cannot be reached yet: a
 * catalog container still starting, a short outage. Connect never restarts a task that failed in
 * {@code start}, so failing at once would need a manual restart for a blip. Errors that waiting
 * cannot mend (a refusal, a missing table with creation off, a bad setting) fail at once.
 */
public final class CatalogStartup {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogStartup.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  /** How the wait passes; a test passes time without sleeping. */
  interface Clock {
    long nanoTime();

    void sleep(Duration pause) throws InterruptedException;
  }

  private static final Clock REAL =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration pause) throws InterruptedException {
          Thread.sleep(pause.toMillis());
        }
      };

  private CatalogStartup() {}

  /**
   * Runs {@code attempt} (load the catalog, make sure the tables exist) until it succeeds, an error
   * comes that waiting cannot mend, or {@code timeout} has passed.
   *
   * @param uri where the catalog is, for the log and the error
   */
  public static Catalog open(Supplier<Catalog> attempt, String uri, Duration timeout) {
    return open(attempt, uri, timeout, REAL);
  }

  static Catalog open(Supplier<Catalog> attempt, String uri, Duration timeout, Clock clock) {
    long deadline = clock.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    for (int attempts = 1; ; attempts++) {
      try {
        Catalog catalog = attempt.get();
        if (attempts > 1) {
          LOG.info("Iceberg catalog at {} reached after {} attempts", uri, attempts);
        }
        return catalog;
      } catch (RuntimeException e) {
        if (!CatalogErrors.unreachable(e)) {
          throw e;
        }
        if (clock.nanoTime() + pause.toNanos() > deadline) {
          throw new ConnectException(
              "The Iceberg catalog at "
                  + uri
                  + " could not be reached"
                  + " for "
                  + timeout.toSeconds()
                  + " s ("
                  + attempts
                  + " attempts; last: "
                  + CatalogErrors.reason(e)
                  + "). Check iceberg.catalog.uri and that the catalog runs and is reachable from"
                  + " the Connect workers; otlp.catalog.startup.timeout.ms sets how long a task"
                  + " waits.",
              e);
        }
        LOG.warn(
            "Waiting for the Iceberg catalog at {}: {} (attempt {}; next in {} s, giving up"
                + " {} s after the task started)",
            uri,
            CatalogErrors.reason(e),
            attempts,
            pause.toSeconds(),
            timeout.toSeconds());
        try {
          clock.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new ConnectException("Interrupted while waiting for the catalog at " + uri, e);
        }
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }
}
