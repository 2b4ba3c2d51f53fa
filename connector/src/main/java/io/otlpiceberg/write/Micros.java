package io.otlpiceberg.write;

import java.time.OffsetDateTime;

/** Iceberg's {@code timestamptz} representation: microseconds since the epoch. */
final class Micros {
  private Micros() {}

  /** Exact for the rows' values, which are UTC and already whole microseconds. */
  static long of(OffsetDateTime time) {
    return time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }
}
